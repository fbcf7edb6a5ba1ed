/**
 * The options of `gauntlet serve`. This zod schema is the single source of truth: the types, the
 * defaults and the validation of both the programmatic API and the config file come from it.
 */
import { z } from 'zod';
import { parseDuration } from '../config/duration.js';
import { answerRuleSchema } from './answers.js';
import { brokenModes } from './broken.js';

// Milliseconds as a number or a duration string ("250ms", "1.5s"), so config files read naturally.
const ms = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseDuration(value);
  if (parsed === undefined) {
    ctx.addIssue(`expected milliseconds or a duration like "250ms" or "2s", got ${JSON.stringify(value)}`);
    return z.NEVER;
  }
  return parsed;
});

/** A named, seeded distribution of a delay in milliseconds. */
export const distributionSchema = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('fixed'), ms }),
  z
    .strictObject({ dist: z.literal('uniform'), minMs: ms, maxMs: ms })
    .refine((d) => d.minMs <= d.maxMs, { message: 'minMs must not exceed maxMs', path: ['maxMs'] }),
  z.strictObject({ dist: z.literal('normal'), meanMs: ms, stddevMs: ms }),
  z.strictObject({ dist: z.literal('lognormal'), medianMs: ms, sigma: z.number().nonnegative() }),
]);

/** Time to first token and time per further token; defaults are small so tests stay fast. */
export const latencySchema = z.strictObject({
  ttft: distributionSchema.default({ dist: 'fixed', ms: 20 }),
  perToken: distributionSchema.default({ dist: 'fixed', ms: 2 }),
});

/** How many sequences generate at once, how many may wait, and how batching slows each one down. */
export const capacitySchema = z.strictObject({
  maxConcurrent: z.int().min(1).default(8),
  maxQueue: z.int().min(0).default(64),
  /** Per-token time is multiplied by 1 + perSequenceSlowdown * (active - 1). */
  perSequenceSlowdown: z.number().min(0).default(0.1),
});

/** Injected faults: a fraction of 500s, latency before the first byte, one stall mid-stream. */
export const faultsSchema = z.strictObject({
  errorRate: z.number().min(0).max(1).default(0),
  addedLatencyMs: ms.default(0),
  stallMs: ms.default(0),
  seed: z.int().optional(),
});

/**
 * The real engine: llama.cpp (node-llama-cpp's prebuilt binaries) on a GGUF file. Absent: the simulated
 * engine. Its capacity is its own: `parallel` sequences share one context (continuous batching), and
 * further requests wait in the queue of `capacity.maxQueue`.
 */
export const llamaEngineSchema = z.strictObject({
  type: z.literal('llama'),
  /** Path of the GGUF file. */
  model: z.string().min(1),
  /** Sequences generating at once (llama.cpp server's --parallel). */
  parallel: z.int().min(1).max(64).default(4),
  /** CPU threads; one is fastest for tiny models (more threads than cores made generation 20x slower). */
  threads: z.int().min(1).default(1),
  /** Context of each sequence, in tokens (prompt plus answer). */
  contextSize: z.int().min(64).default(2048),
  /** Offload to a GPU when one is present (CPU otherwise). */
  gpu: z.boolean().default(false),
});

/** The options of the reference server. */
export const serveOptionsSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.int().min(0).max(65535).default(0),
  models: z.array(z.string().min(1)).min(1).default(['gauntlet-sim']),
  contextLength: z.int().min(1).default(4096),
  answers: z.array(answerRuleSchema).default([]),
  /** When set, /v1 routes need `Authorization: Bearer <one of these>`. */
  apiKeys: z.array(z.string().min(1)).optional(),
  rateLimit: z.strictObject({ requestsPerSecond: z.number().positive(), burst: z.int().min(1) }).optional(),
  /** When set, browsers at these origins (`*` for any) may call the server: preflights answered, CORS headers added. */
  cors: z.strictObject({ origins: z.array(z.string().min(1)).min(1) }).optional(),
  latency: latencySchema.prefault({}),
  capacity: capacitySchema.prefault({}),
  faults: faultsSchema.prefault({}),
  /** Keep per-request timings and serve them at GET /debug/requests. */
  record: z.boolean().default(false),
  broken: z.array(z.enum(brokenModes)).default([]),
  /** Seeds latency, fault and unseeded sampling draws so a run can be replayed; random when absent. */
  seed: z.int().optional(),
  /** A real engine instead of the simulated one. */
  engine: llamaEngineSchema.optional(),
});

/** Options accepted by `startServer` (every field optional; durations may be strings). */
export type ServeOptions = z.input<typeof serveOptionsSchema>;
/** Options after defaults are applied. */
export type ResolvedServeOptions = z.output<typeof serveOptionsSchema>;
/** A latency model as written by a user. */
export type LatencyModel = z.input<typeof latencySchema>;
/** The llama engine's options after defaults. */
export type LlamaEngineOptions = z.output<typeof llamaEngineSchema>;
/** A delay distribution after parsing (milliseconds as numbers). */
export type Distribution = z.output<typeof distributionSchema>;
