/**
 * The eval stage: quality, behaviour, bias and safety tests of the model's answers. Suites produce work
 * items lazily; a pool of `concurrency` workers sends them through the adaptive runner, each suite judges
 * its outputs, every case result streams to the run store, and only tallies stay in memory.
 */
import path from 'node:path';
import type { Stage, StageContext } from '../types.js';
import { ResponseCache } from './cache.js';
import { makeJudge } from './judge.js';
import { EvalRunner } from './runner.js';
import type { EvalSuite, WorkItem } from './suite.js';
import { buildSuites } from './suites/index.js';
import type { ModelOutput } from './types.js';

type Ctx = StageContext<'eval'>;

export const evalStage: Stage<'eval'> = {
  kind: 'eval',
  description: 'quality, behaviour (CheckList), bias and safety of the answers, with Wilson intervals',
  async run(ctx) {
    if (!ctx.selected({})) return;
    const opts = ctx.stage;
    const cache = opts.cache
      ? new ResponseCache(
          path.resolve(ctx.suiteDir, typeof opts.cache === 'object' ? opts.cache.dir : '.gauntlet/cache'),
        )
      : undefined;
    const runner = new EvalRunner(ctx.target.client, {
      concurrency: opts.concurrency,
      retryBudget: opts.retryBudget,
      timeoutMs: opts.requestTimeout,
      signal: ctx.signal,
      ...(cache ? { cache } : {}),
    });
    const judge = makeJudge(ctx);
    const suites = buildSuites(ctx, judge);
    try {
      for (const suite of suites) {
        if (ctx.signal.aborted) break;
        await runSuite(ctx, suite, runner);
      }
    } finally {
      await judge.close();
    }
    for (const suite of suites) {
      const report = suite.finish();
      for (const c of report.checks) await ctx.check({ id: c.id, name: c.name }, async () => c.outcome);
      for (const t of report.tables) ctx.table(t.title, t.columns, t.rows, t.notes);
    }
    if (runner.retriesUsed || runner.throttled) {
      ctx.log(
        'warn',
        `${ctx.stage.name}: ${runner.retriesUsed} retries used of ${opts.retryBudget}; throttled ${runner.throttled} times (429/503), concurrency now ${runner.currentLimit} of ${opts.concurrency}`,
      );
    }
  },
};

/** Pulls items with `concurrency` workers; memory holds only the items in flight. */
async function runSuite(ctx: Ctx, suite: EvalSuite, runner: EvalRunner): Promise<void> {
  const it = suite.items()[Symbol.asyncIterator]();
  const worker = async () => {
    for (;;) {
      if (ctx.signal.aborted) return;
      const next = await it.next();
      if (next.done) return;
      const item = next.value;
      const outputs = await Promise.all(item.prompts.map((p) => runner.run(request(ctx, item, p))));
      const result = await suite.judge(item, outputs);
      ctx.emitCase(result);
      record(ctx, item, result.pass, result.score, outputs[0] as ModelOutput, result.assertions);
    }
  };
  await Promise.all(Array.from({ length: ctx.stage.concurrency }, worker));
}

function request(ctx: Ctx, item: WorkItem, prompt: WorkItem['prompts'][number]) {
  const opts = ctx.stage;
  return {
    endpoint: opts.endpoint,
    // Repeats must be independent samples (consistency, pass@k): they never come from the cache.
    cacheable: !item.independent,
    body: {
      model: ctx.target.model,
      ...(opts.endpoint === 'chat' ? { messages: prompt.messages } : { prompt: prompt.text }),
      max_tokens: opts.maxTokens,
      temperature: opts.temperature,
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      ...opts.extraBody,
      ...item.overrides,
    },
  };
}

function record(
  ctx: Ctx,
  item: WorkItem,
  pass: boolean,
  score: number,
  output: ModelOutput,
  assertions: { metric: string; score: number }[],
): void {
  const tags = { suite: item.suite.split(':')[0] as string };
  ctx.metric('eval.pass', 'rate', pass ? 1 : 0, tags);
  ctx.metric('eval.score', 'trend', score, tags);
  if (!output.error && !output.cached) ctx.metric('eval.latency_ms', 'trend', output.latencyMs, tags);
  for (const a of assertions) ctx.metric(`eval.assert.${a.metric}`, 'trend', a.score, tags);
}
