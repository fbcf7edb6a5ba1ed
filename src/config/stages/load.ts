/**
 * Options of the `load` stage: an LLM-aware load test. A workload says what to send, a profile says when
 * (closed models keep N in flight; open models send on a clock, measured from the intended send time),
 * limits say for how long, and thresholds judge the stage's own metrics in k6's syntax.
 */
import { z } from 'zod';
import { duration, positiveInt } from '../primitives.js';

const tokenDistribution = z.strictObject({
  mean: z.number().positive(),
  stddev: z.number().min(0).default(0),
  min: positiveInt.optional(),
  max: positiveInt.optional(),
});

const chatMessage = z.strictObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.string(),
});

/** What to send. Every kind yields request bodies; `maxTokens` and `extraBody` apply to all. */
export const workloadSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('prompts'),
    /** Plain prompts (sent as one user message) or full chat message lists. */
    prompts: z.array(z.union([z.string().min(1), z.array(chatMessage).min(1)])).min(1),
  }),
  z.strictObject({
    type: z.literal('file'),
    /** JSONL: `{"prompt": ...}`, `{"messages": [...]}`, ShareGPT `{"conversations": [{"from","value"}]}`, or any row for an http template. */
    path: z.string().min(1),
    shuffle: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('synthetic'),
    promptTokens: tokenDistribution,
    outputTokens: tokenDistribution,
    /** Distinct prompts to cycle through (prefix caching makes repeats cheaper; say how many you want). */
    distinct: positiveInt.default(1000),
  }),
]);

const rampStage = z.strictObject({ duration, target: z.number().min(0) });

/** When to send. Closed models: synchronous, concurrency, ramping-concurrency, throughput. Open: rate, poisson, ramping-rate. */
export const profileSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('synchronous') }),
  /** A list of concurrencies runs one level each, in order: one report row and one set of thresholds per level. */
  z.strictObject({
    type: z.literal('concurrency'),
    concurrency: z.union([positiveInt, z.array(positiveInt).min(1)]),
  }),
  z.strictObject({
    type: z.literal('ramping-concurrency'),
    start: z.number().int().min(0).default(0),
    stages: z.array(rampStage).min(1),
  }),
  z.strictObject({
    type: z.literal('rate'),
    rate: z.union([z.number().positive(), z.array(z.number().positive()).min(1)]),
  }),
  z.strictObject({
    type: z.literal('poisson'),
    rate: z.number().positive(),
    seed: z.number().int().default(42),
  }),
  z.strictObject({
    type: z.literal('ramping-rate'),
    start: z.number().min(0).default(0),
    stages: z.array(rampStage).min(1),
  }),
  z.strictObject({ type: z.literal('throughput'), concurrency: positiveInt.default(256) }),
  z.strictObject({
    type: z.literal('sweep'),
    /** Rates between the synchronous and the throughput rate, evenly spaced. */
    rates: z.number().int().min(1).max(50).default(5),
    concurrency: positiveInt.default(256),
  }),
]);
export type LoadProfile = z.output<typeof profileSchema>;

const thresholdEntry = z.union([
  z.string(),
  z.strictObject({
    threshold: z.string(),
    abortOnFail: z.boolean().default(false),
    delayAbortEval: duration.prefault('0s'),
  }),
]);

/** Service-level objectives a request must meet to count towards goodput. */
const slo = z.strictObject({
  ttft: duration.optional(),
  tpot: duration.optional(),
  e2e: duration.optional(),
});

/** A generic REST request for `type: http` targets: `{{var}}` is filled from the workload row. */
const httpRequest = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  path: z.string().startsWith('/'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
  /** Status codes that count as success; default any 2xx. */
  expectStatus: z.array(z.number().int().min(100).max(599)).optional(),
});

export const loadStageOptions = {
  workload: workloadSchema.prefault({ type: 'prompts', prompts: ['Write a short poem about the sea.'] }),
  profile: profileSchema.prefault({ type: 'concurrency', concurrency: 1 }),
  /** Stop after this long (measure window, warm-up and cool-down included) ... */
  duration: duration.optional(),
  /** ... and/or after this many requests (warm-up and cool-down ones included). Default 100 when neither is set. */
  requests: positiveInt.optional(),
  warmup: duration.prefault('0s'),
  cooldown: duration.prefault('0s'),
  stream: z.boolean().default(true),
  endpoint: z.enum(['chat', 'completions']).default('chat'),
  maxTokens: positiveInt.default(128),
  /** Passed through into every request body, e.g. `{ ignore_eos: true }` for vLLM. */
  extraBody: z.record(z.string(), z.unknown()).default({}),
  temperature: z.number().min(0).max(2).default(0),
  /** Open models: at most this many requests in flight; arrivals beyond wait (late), beyond `maxBacklog` are dropped. */
  maxInFlight: positiveInt.default(1024),
  maxBacklog: z.number().int().min(0).default(1024),
  /** Per-request limit; a request past it is a timeout error. */
  requestTimeout: duration.prefault('120s'),
  slo: slo.prefault({}),
  /** k6-style thresholds on this stage's metrics (ttft, e2e, error_rate, output_tokens_per_s, ...). */
  thresholds: z.record(z.string(), z.array(thresholdEntry).min(1)).default({}),
  /** For `type: http` targets: the request to send. */
  request: httpRequest.optional(),
  /** Probe this path (of the target's origin) at a fixed interval during the run: the `uptime` metric. */
  healthProbe: z
    .strictObject({ path: z.string().default('/health'), interval: duration.prefault('1s') })
    .optional(),
  /** Scrape the target's Prometheus endpoint into the time series (e.g. vLLM queue length, KV-cache use). */
  scrape: z
    .strictObject({
      path: z.string().default('/metrics'),
      interval: duration.prefault('1s'),
      /** Metric names to keep; default: a known list for vLLM and TGI. */
      metrics: z.array(z.string()).optional(),
    })
    .optional(),
  /** Sample nvidia-smi (if present) into the time series. */
  gpu: z.boolean().default(true),
  seed: z.number().int().default(1),
  /**
   * Generator threads. Above 1, each level's load is split across this many worker threads, each with its
   * own event loop and connections, for rates one event loop cannot keep on time.
   */
  workers: z.number().int().min(1).max(64).default(1),
};
