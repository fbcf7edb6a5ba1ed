/**
 * Gauntlet's side of bench/stream-overhead, run as its own process: the load engine's workload, scheduler
 * (closed `concurrency` profile), streaming OpenAI sender (SSE parsing, per-chunk timing) and the level
 * aggregator (HDR histograms for TTFT, ITL, ...), as `gauntlet load` runs them, minus progress and the store.
 * Protocol: see common.ts (argv[2] = options JSON; IPC 'warm' -> go -> 'result').
 */
import { LevelAggregator } from '../../src/stages/load/aggregate.js';
import { createOpenAISender } from '../../src/stages/load/request/index.js';
import { runSchedule } from '../../src/stages/load/scheduler/index.js';
import type { Sender } from '../../src/stages/load/types.js';
import { createWorkload } from '../../src/stages/load/workload/index.js';
import { OpenAIClient } from '../../src/target/index.js';
import { clientOptions, finish, measured, repeatPrompt, type Sample, warmAndWait } from './common.js';

const opts = clientOptions();
const workload = await createWorkload(
  { type: 'prompts', prompts: [repeatPrompt(opts.maxTokens + 20)] },
  {
    baseDir: process.cwd(),
    endpoint: 'chat',
    model: opts.model,
    maxTokens: opts.maxTokens,
    temperature: 0,
    stream: true,
    extraBody: {},
    seed: 1,
  },
);
const client = new OpenAIClient({ baseUrl: `${opts.origin}/v1` });
const send: Sender = createOpenAISender(client, { endpoint: 'chat', stream: true, timeoutMs: 300_000 });

/** One closed-model run of `requests` requests; every outcome goes through the aggregator. */
async function run(requests: number, onSample?: (s: Sample, tokens: number) => void) {
  const aggregator = new LevelAggregator(performance.now(), {});
  let errors = 0;
  let firstError: string | undefined;
  await runSchedule({
    profile: { type: 'concurrency', concurrency: opts.concurrency },
    requests,
    warmupMs: 0,
    cooldownMs: 0,
    maxInFlight: opts.concurrency,
    maxBacklog: 0,
    next: workload.next,
    send,
    signal: new AbortController().signal,
    onEvent: (e) => aggregator.onEvent(e),
    onOutcome: (o) => {
      aggregator.add(o);
      if (!o.ok) {
        errors++;
        firstError ??= o.error?.message;
      }
      const firstEpochMs = o.ttftMs === undefined ? undefined : o.sentAtEpochMs + o.ttftMs;
      onSample?.({ id: o.requestId, firstEpochMs, ok: o.ok }, o.ok ? (o.outputTokens ?? 0) : 0);
    },
  });
  return { errors, firstError };
}

await run(opts.warmupRequests);
await warmAndWait();
const samples: Sample[] = [];
let clientTokens = 0;
const m = await measured(() =>
  run(opts.requests, (s, tokens) => {
    samples.push(s);
    clientTokens += tokens;
  }),
);
await client.close();
finish({
  type: 'result',
  samples,
  cpuS: m.cpuS,
  sysS: m.sysS,
  wallS: m.wallS,
  clientTokens,
  errors: m.value.errors,
  ...(m.value.firstError ? { firstError: m.value.firstError } : {}),
  loopDelayP99Ms: m.loopDelayP99Ms,
  loopDelayMaxMs: m.loopDelayMaxMs,
});
