/**
 * Runs one level across worker threads, with `runSchedule`'s contract: every outcome reaches onOutcome
 * (in this thread's clock), scheduler events reach onEvent with the in-flight count summed over workers,
 * the signal aborts every worker, and a failure (a worker's, or a throwing callback) stops them all and
 * is thrown once they have reported what they measured.
 */
import type { Worker } from 'node:worker_threads';
import type { ScheduleOptions, ScheduleResult } from '../scheduler/index.js';
import { LoadWorkerError } from './errors.js';
import { FlightTracker, mergeResults } from './merge.js';
import {
  convertOutcome,
  convertResult,
  type FromWorker,
  fromEpoch,
  serializeError,
  type ToWorker,
  toEpoch,
} from './messages.js';
import { spawnWorker } from './spawn.js';
import type { WorkerSpec } from './spec.js';
import { splitLevel, type WorkerShare } from './split.js';

/**
 * The start is set this far ahead once every worker is ready, so the message reaches them all in time to
 * start together.
 */
const START_LEAD_MS = 20;

/** runSchedule's options, minus what each worker builds for itself (`next`, `send`, the clock). */
export type WorkerScheduleOptions = Omit<ScheduleOptions, 'next' | 'send' | 'now'> & {
  /** Threads to split the level across (workers with nothing to do are not started). */
  workers: number;
  workerSpec: WorkerSpec;
};

interface Handle {
  worker: Worker;
  ready: Promise<void>;
  finished: Promise<ScheduleResult | undefined>;
}

/** Runs one level split across `workers` threads and merges what they measured into one result. */
export async function runScheduleInWorkers(opts: WorkerScheduleOptions): Promise<ScheduleResult> {
  const shares = splitLevel(opts, opts.workers);
  if (shares.length === 0) return nothingToDo();
  const flight = new FlightTracker(shares.length);
  let failure: { error: unknown } | undefined;
  const handles: Handle[] = [];
  const tell = (m: ToWorker) => {
    for (const h of handles) h.worker.postMessage(m);
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    tell({ type: 'abort' });
  };
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      fail(error);
    }
  };
  const onEvent = opts.onEvent;
  const sink: Sink = {
    batch(k, m) {
      flight.replay(k, m.events, onEvent && ((e) => guard(() => onEvent(e))));
      for (const o of m.outcomes) guard(() => opts.onOutcome(convertOutcome(o, fromEpoch)));
    },
    fail,
  };
  try {
    for (const share of shares) handles.push(startWorker(opts, share, sink));
  } catch (error) {
    // The ones already started are told to stop, and end (and are waited for) like any aborted worker.
    fail(error);
  }

  const abort = () => tell({ type: 'abort' });
  opts.signal.addEventListener('abort', abort, { once: true });
  if (opts.signal.aborted) abort();
  try {
    await Promise.all(handles.map((h) => h.ready));
    tell({ type: 'start', startAtEpochMs: toEpoch(performance.now()) + START_LEAD_MS });
    const results = await Promise.all(handles.map((h) => h.finished));
    if (failure) throw failure.error;
    return mergeResults(results as ScheduleResult[], flight.max);
  } finally {
    opts.signal.removeEventListener('abort', abort);
  }
}

/** Where a worker's messages go. */
interface Sink {
  batch(worker: number, m: Extract<FromWorker, { type: 'batch' }>): void;
  fail(error: unknown): void;
}

function startWorker(opts: WorkerScheduleOptions, share: WorkerShare, sink: Sink): Handle {
  const worker = spawnWorker({
    spec: opts.workerSpec,
    share,
    ...(opts.lateToleranceMs === undefined ? {} : { lateToleranceMs: opts.lateToleranceMs }),
  });
  const k = share.slot;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const finished = new Promise<ScheduleResult | undefined>((resolve) => {
    let result: ScheduleResult | undefined;
    let failed = false;
    const failWith = (remote: ReturnType<typeof serializeError>) => {
      failed = true;
      sink.fail(new LoadWorkerError(k, share.slots, remote));
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') markReady();
      else if (m.type === 'batch') sink.batch(k, m);
      else if (m.type === 'done') result = convertResult(m.result, fromEpoch);
      else failWith(m.error);
    });
    // An error the worker could not post itself (at load time, or in its last message).
    worker.on('error', (error) => failWith(serializeError(error)));
    worker.on('exit', (code) => {
      if (!result && !failed)
        failWith({ name: 'Error', message: `exited with code ${code} before reporting a result` });
      // A worker that died before it was ready must not hold up the others' start.
      markReady();
      resolve(result);
    });
  });
  return { worker, ready, finished };
}

/** The result of a level no worker had anything to do in (a request limit of 0). */
function nothingToDo(): ScheduleResult {
  const now = performance.now();
  return {
    startedAt: now,
    endedAt: now,
    sent: 0,
    completed: 0,
    dropped: 0,
    late: 0,
    measureWindow: { start: now, end: now },
    maxInFlightSeen: 0,
    stoppedBy: 'requests',
  };
}
