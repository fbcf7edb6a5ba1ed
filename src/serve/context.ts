/**
 * The state one running server shares between its routes. Built once by `createContext`; routes read
 * it, and the generation path updates the counters.
 */
import { setMaxListeners } from 'node:events';
import type { FastifyRequest } from 'fastify';
import { type CompiledAnswer, compileAnswers } from './answers.js';
import type { BrokenMode } from './broken.js';
import type { ChoicePlan } from './engine/plan.js';
import { createRng, hashSeed, type Rng, randomSeed } from './engine/prng.js';
import { Scheduler } from './engine/scheduler.js';
import { RateLimiter } from './guards.js';
import type { LlamaEngine } from './llama/engine.js';
import { ServerMetrics } from './metrics.js';
import type { ResolvedServeOptions } from './options.js';
import { Recorder, type RequestRecord } from './recorder.js';

/** Everything a route of one server needs. */
export interface ServerContext {
  options: ResolvedServeOptions;
  broken: ReadonlySet<BrokenMode>;
  answers: readonly CompiledAnswer[];
  scheduler: Scheduler;
  metrics: ServerMetrics;
  recorder: Recorder;
  /** The record of each generation request, finished by the app's onResponse hook. */
  records: WeakMap<FastifyRequest, RequestRecord>;
  rateLimiter: RateLimiter | undefined;
  /** Separate streams so, say, enabling faults does not shift the latency draws of a seeded run. */
  rng: { latency: Rng; faults: Rng; entropy: Rng };
  /** Aborted by close(): every wait of every request listens to it. */
  shutdown: AbortController;
  /** Generation requests between arrival and their last byte. */
  inFlight: number;
  /** The previous answer, handed to the next concurrent request by the `batch-crosstalk` defect. */
  crosstalk: { previous?: ChoicePlan[] };
  startedAt: number;
  /** The real engine, when the server runs one; the simulated engine answers otherwise. */
  engine: LlamaEngine | undefined;
}

/** Builds the shared state from resolved options. */
export function createContext(options: ResolvedServeOptions, engine?: LlamaEngine): ServerContext {
  const seed = options.seed ?? randomSeed();
  const { maxConcurrent, maxQueue, perSequenceSlowdown } = options.capacity;
  const scheduler = new Scheduler(maxConcurrent, maxQueue, perSequenceSlowdown);
  const ctx: ServerContext = {
    options,
    broken: new Set(options.broken),
    answers: compileAnswers(options.answers),
    scheduler,
    metrics: new ServerMetrics(
      {
        inFlight: () => ctx.inFlight,
        queueDepth: () => scheduler.queued,
        activeSequences: () => scheduler.active,
      },
      engine?.info,
    ),
    recorder: new Recorder(options.record),
    records: new WeakMap(),
    rateLimiter:
      options.rateLimit && new RateLimiter(options.rateLimit.requestsPerSecond, options.rateLimit.burst),
    rng: {
      latency: createRng(hashSeed('latency', seed)),
      faults: createRng(hashSeed('faults', options.faults.seed ?? seed)),
      entropy: createRng(hashSeed('entropy', seed)),
    },
    shutdown: new AbortController(),
    inFlight: 0,
    crosstalk: {},
    startedAt: Date.now(),
    engine,
  };
  // Every request in flight listens for shutdown (and stops listening when done): many at once is normal.
  setMaxListeners(0, ctx.shutdown.signal);
  return ctx;
}
