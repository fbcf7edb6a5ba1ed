/**
 * What a worker thread needs to build its own workload and sender, as plain data (it crosses a thread
 * boundary by structured clone: no clients, no functions). Built from the stage context in the main
 * thread; the worker turns it back into live objects with `openWorkerIo`.
 */

import type { OpenAIClientOptions } from '../../../target/index.js';
import { clientOptions } from '../../client-options.js';
import type { StageContext } from '../../types.js';
import type { HttpRequestTemplate, OpenAISenderOptions } from '../request/index.js';
import { httpHeaders, workloadOptions } from '../stage-options.js';
import type { WorkloadOptions, WorkloadSpec } from '../workload/index.js';

/** The target as a worker rebuilds it: an OpenAI client's options, or a generic REST request. */
export type WorkerTarget =
  | { type: 'openai'; client: Omit<OpenAIClientOptions, 'dispatcher'>; sender: OpenAISenderOptions }
  | {
      type: 'http';
      baseUrl: string;
      headers: Record<string, string>;
      request: HttpRequestTemplate;
      timeoutMs: number;
    };

/** Everything but the level's share of the load: the same for every worker and every level of a stage. */
export interface WorkerSpec {
  target: WorkerTarget;
  workload: { spec: WorkloadSpec; options: WorkloadOptions };
}

/** The worker spec of a load stage: its target, sender options and workload, as plain data. */
export function workerSpecFor(ctx: StageContext<'load'>): WorkerSpec {
  const opts = ctx.stage;
  const t = ctx.target.config;
  const workload = {
    spec: opts.workload,
    options: workloadOptions(ctx),
  };
  if (t.type === 'http') {
    const headers = httpHeaders(ctx);
    const request = opts.request as NonNullable<typeof opts.request>;
    return {
      target: { type: 'http', baseUrl: ctx.target.baseUrl, headers, request, timeoutMs: opts.requestTimeout },
      workload,
    };
  }
  // Every worker needs its own sockets, built from the same options as the main thread's client.
  const client: WorkerSpec['target'] & { type: 'openai' } = {
    type: 'openai',
    client: clientOptions(t, ctx.target.baseUrl),
    sender: { endpoint: opts.endpoint, stream: opts.stream, timeoutMs: opts.requestTimeout },
  };
  return { target: client, workload };
}
