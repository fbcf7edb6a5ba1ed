/**
 * The messages between the main thread and a load worker, and the clock conversions they need:
 * performance.now() counts from each thread's own origin, so every absolute time crosses the boundary as
 * epoch milliseconds (performance.timeOrigin + t) and is turned back into the receiver's clock on arrival.
 */
import type { ScheduleEvent, ScheduleResult } from '../scheduler/index.js';
import type { ScheduledOutcome } from '../types.js';
import type { WorkerSpec } from './spec.js';
import type { WorkerShare } from './split.js';

/** A worker's workerData. */
export interface WorkerInput {
  spec: WorkerSpec;
  share: WorkerShare;
  /** Sent later than intended by more than this many ms = late (the scheduler's default when absent). */
  lateToleranceMs?: number;
}

/** Main thread to worker: start at this epoch time (plus the worker's offset), or abort. */
export type ToWorker = { type: 'start'; startAtEpochMs: number } | { type: 'abort' };

/** Worker to main thread. Times in `batch` and `done` are epoch ms. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'batch'; outcomes: ScheduledOutcome[]; events: Float64Array }
  | { type: 'done'; result: ScheduleResult }
  | { type: 'error'; error: { name: string; message: string; stack?: string; code?: string } };

/** Scheduler event types as numbers, packed four numbers an event: type, at, inFlight, backlog. */
export const EVENT_TYPES: readonly ScheduleEvent['type'][] = ['sent', 'queued', 'dropped', 'done'];
export const EVENT_FIELDS = 4;

/** This thread's performance.now() time `t` as epoch ms. */
export function toEpoch(t: number): number {
  return performance.timeOrigin + t;
}

/** Epoch ms as this thread's performance.now() time. */
export function fromEpoch(epochMs: number): number {
  return epochMs - performance.timeOrigin;
}

/** Rewrites an outcome's absolute times with `convert`, in place (it is the sender's own object). */
export function convertOutcome(o: ScheduledOutcome, convert: (t: number) => number): ScheduledOutcome {
  o.sentAt = convert(o.sentAt);
  if (o.intendedAt !== undefined) o.intendedAt = convert(o.intendedAt);
  return o;
}

/** A copy of `r` with its absolute times rewritten by `convert`. */
export function convertResult(r: ScheduleResult, convert: (t: number) => number): ScheduleResult {
  return {
    ...r,
    startedAt: convert(r.startedAt),
    endedAt: convert(r.endedAt),
    measureWindow: { start: convert(r.measureWindow.start), end: convert(r.measureWindow.end) },
  };
}

/** A thrown value as plain data that survives structured clone with its name, code and stack. */
export function serializeError(error: unknown): Extract<FromWorker, { type: 'error' }>['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
