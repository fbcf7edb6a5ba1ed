/**
 * Runs one level of a load stage: the scheduler sends, the aggregator folds, the recorder feeds metrics,
 * and once a second the monitors are sampled, live progress is shown and abortOnFail thresholds are judged.
 */
import { setMaxListeners } from 'node:events';
import { formatDuration } from '../../config/duration.js';
import type { GateResult } from '../../metrics/types.js';
import type { StageContext } from '../types.js';
import { LevelAggregator } from './aggregate.js';
import { abortingThresholds } from './judge.js';
import type { Level } from './levels.js';
import type { StageMonitors } from './monitors.js';
import { LevelRecorder } from './recorder.js';
import { runSchedule, type ScheduleOptions, type ScheduleResult } from './scheduler/index.js';
import type { LoadRequest, Sender } from './types.js';
import { runScheduleInWorkers } from './workers/pool.js';
import { workerSpecFor } from './workers/spec.js';

export interface LevelRun {
  level: Level;
  schedule: ScheduleResult;
  aggregator: LevelAggregator;
  recorder: LevelRecorder;
  /** Measure window in seconds (the denominator of every rate). */
  windowS: number;
  abortedBy?: GateResult[];
}

/** Runs a level to its limits (or an abort) and returns everything measured. */
export async function runLevel(
  ctx: StageContext<'load'>,
  level: Level,
  io: { next: () => LoadRequest; send: Sender; monitors: StageMonitors },
): Promise<LevelRun> {
  const opts = ctx.stage;
  const t0 = performance.now();
  const aggregator = new LevelAggregator(t0, opts.slo);
  const recorder = new LevelRecorder(ctx, { level: level.label });
  const controller = new AbortController();
  // Every request in flight listens for the level's abort: hundreds of listeners are expected here.
  setMaxListeners(0, controller.signal);
  const stop = () => controller.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  let abortedBy: GateResult[] | undefined;

  const ticker = setInterval(() => {
    const now = performance.now();
    aggregator.annotate(now - 1, io.monitors.tick());
    const recent = aggregator.recent(now);
    ctx.progress(
      now - t0,
      {
        requests: aggregator.measured + aggregator.outsideWindow,
        rps: recent?.completed ?? 0,
        inFlight: recent?.inFlightMax ?? 0,
        errors: Object.values(aggregator.errorsByClass).reduce((a, b) => a + (b ?? 0), 0),
        ttftP50: aggregator.histograms.ttft.percentile(50),
        ttftP95: aggregator.histograms.ttft.percentile(95),
        outputTokensPerS: recent?.outputTokens ?? 0,
      },
      level.label,
    );
    const failing = abortingThresholds(ctx, recorder, now - t0);
    if (failing.length > 0 && !abortedBy) {
      abortedBy = failing;
      ctx.log(
        'error',
        `level ${level.label}: abortOnFail threshold crossed after ${formatDuration(now - t0)}: ${failing.map((g) => `${g.metric} ${g.message}`).join('; ')}`,
      );
      controller.abort();
    }
  }, 1000);
  ticker.unref();

  // Ramping profiles end with their stages; others need a limit and get 100 requests when none is given.
  const ramping = level.profile.type === 'ramping-concurrency' || level.profile.type === 'ramping-rate';
  const requests = opts.requests ?? (opts.duration === undefined && !ramping ? 100 : undefined);
  let schedule: ScheduleResult;
  try {
    const scheduleOptions: ScheduleOptions = {
      profile: level.profile,
      ...(opts.duration === undefined ? {} : { durationMs: opts.duration }),
      ...(requests === undefined ? {} : { requests }),
      warmupMs: opts.warmup,
      cooldownMs: opts.cooldown,
      maxInFlight: opts.maxInFlight,
      maxBacklog: opts.maxBacklog,
      next: io.next,
      send: io.send,
      signal: controller.signal,
      onEvent: (e) => aggregator.onEvent(e),
      onOutcome: (o) => {
        const figures = aggregator.add(o);
        if (figures) recorder.request(figures);
      },
    };
    // More than one generator thread: the workers build their own workload and sender from the spec.
    schedule =
      opts.workers > 1
        ? await runScheduleInWorkers({
            ...scheduleOptions,
            workers: opts.workers,
            workerSpec: workerSpecFor(ctx),
          })
        : await runSchedule(scheduleOptions);
  } finally {
    clearInterval(ticker);
    ctx.signal.removeEventListener('abort', stop);
  }
  aggregator.annotate(performance.now(), io.monitors.tick());
  const windowS = Math.max(1e-3, (schedule.measureWindow.end - schedule.measureWindow.start) / 1000);
  return { level, schedule, aggregator, recorder, windowS, ...(abortedBy ? { abortedBy } : {}) };
}
