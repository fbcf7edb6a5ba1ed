/** What a load stage's options mean for its workload and its HTTP sender: one place for the main thread and workers. */
import type { StageContext } from '../types.js';
import type { WorkloadOptions } from './workload/index.js';

/** The workload options of a load stage. */
export function workloadOptions(ctx: StageContext<'load'>): WorkloadOptions {
  const opts = ctx.stage;
  return {
    baseDir: ctx.suiteDir,
    endpoint: opts.endpoint,
    model: ctx.target.model,
    maxTokens: opts.maxTokens,
    temperature: opts.temperature,
    stream: opts.stream,
    extraBody: opts.extraBody,
    seed: opts.seed,
  };
}

/** Headers for a generic HTTP target: the target's own, then its bearer key. */
export function httpHeaders(ctx: StageContext<'load'>): Record<string, string> {
  const t = ctx.target.config;
  return { ...t.headers, ...(t.apiKey ? { authorization: `Bearer ${t.apiKey}` } : {}) };
}
