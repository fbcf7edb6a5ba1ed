/**
 * The entry of a load worker thread: builds its own workload and sender from workerData, waits for the
 * common start, runs its share of the level with `runSchedule`, and streams outcomes and scheduler
 * events back in batches (a message per request would cost the main thread more than the request).
 * It always ends with one final message: `done` with its result, or `error`; never a silent exit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSchedule } from '../scheduler/index.js';
import { sleepUntil } from '../scheduler/timing.js';
import type { ScheduledOutcome } from '../types.js';
import { openWorkerIo, type WorkerIo } from './io.js';
import {
  convertOutcome,
  convertResult,
  EVENT_FIELDS,
  EVENT_TYPES,
  type FromWorker,
  fromEpoch,
  serializeError,
  type ToWorker,
  toEpoch,
  type WorkerInput,
} from './messages.js';

const FLUSH_MS = 50;
const MAX_OUTCOMES = 256;
const MAX_EVENTS = 4096;

const port = parentPort;
if (!port) throw new Error('load worker: run me as a worker thread');
const input = workerData as WorkerInput;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let outcomes: ScheduledOutcome[] = [];
let events: number[] = [];
function flush(): void {
  if (outcomes.length === 0 && events.length === 0) return;
  const packed = Float64Array.from(events);
  post({ type: 'batch', outcomes, events: packed }, [packed.buffer]);
  outcomes = [];
  events = [];
}

const controller = new AbortController();
let release: (startAtEpochMs: number) => void = () => undefined;
const started = new Promise<number>((resolve) => {
  release = resolve;
});
port.on('message', (m: ToWorker) => {
  if (m.type === 'start') release(m.startAtEpochMs);
  else {
    controller.abort();
    // An abort before the start releases the wait: the schedule then ends at once, with its result.
    release(toEpoch(performance.now()));
  }
});

async function main(): Promise<FromWorker> {
  const { share } = input;
  let io: WorkerIo | undefined;
  const timer = setInterval(flush, FLUSH_MS);
  try {
    io = await openWorkerIo(input.spec, share.slot, share.slots);
    post({ type: 'ready' });
    const startAt = (await started) + share.startOffsetMs;
    await sleepUntil(startAt, () => toEpoch(performance.now()), controller.signal);
    const result = await runSchedule({
      ...(controller.signal.aborted ? {} : { now: clockStartingAt(fromEpoch(startAt)) }),
      profile: share.profile,
      ...(share.durationMs === undefined ? {} : { durationMs: share.durationMs }),
      ...(share.requests === undefined ? {} : { requests: share.requests }),
      warmupMs: share.warmupMs,
      cooldownMs: share.cooldownMs,
      maxInFlight: share.maxInFlight,
      maxBacklog: share.maxBacklog,
      ...(input.lateToleranceMs === undefined ? {} : { lateToleranceMs: input.lateToleranceMs }),
      next: io.next,
      send: io.send,
      signal: controller.signal,
      onOutcome: (o) => {
        outcomes.push(convertOutcome(o, toEpoch));
        if (outcomes.length >= MAX_OUTCOMES) flush();
      },
      onEvent: (e) => {
        events.push(EVENT_TYPES.indexOf(e.type), toEpoch(e.at), e.inFlight, e.backlog);
        if (events.length >= MAX_EVENTS * EVENT_FIELDS) flush();
      },
    });
    return { type: 'done', result: convertResult(result, toEpoch) };
  } catch (error) {
    return { type: 'error', error: serializeError(error) };
  } finally {
    clearInterval(timer);
    // What was measured goes out before the final message, on the same ordered port.
    flush();
    await io?.close().catch(() => undefined);
  }
}

/**
 * performance.now(), except that its first reading is `start`. runSchedule takes its start from its clock's
 * first reading, and a thread can wake a few ms late (more on a busy machine): pinned to the planned start,
 * every worker's arrivals stay on one common grid, and a late wake shows as schedule lag (late arrivals
 * sent at once) instead of silently shifting this worker's share of the arrivals.
 */
function clockStartingAt(start: number): () => number {
  let first = true;
  return () => {
    if (!first) return performance.now();
    first = false;
    return Math.min(start, performance.now());
  };
}

void main().then((final) => {
  post(final);
  port.close();
});
