/**
 * Honesty about the load generator itself: event-loop lag, event-loop utilisation and CPU while the load
 * runs. A generator that is the bottleneck timestamps responses late, so its latency figures describe
 * itself rather than the target; the whole-run result says so.
 */
import {
  type EventLoopUtilization,
  type IntervalHistogram,
  monitorEventLoopDelay,
  performance,
} from 'node:perf_hooks';
import { CPU_LIMIT_PCT, ELU_LIMIT, judgeGenerator } from './generator-verdict.js';
import type { Monitor } from './types.js';

// Coarse enough to cost nothing next to the load, fine enough to see a stall shorter than a fast TTFT.
const RESOLUTION_MS = 10;
const ZERO_SNAPSHOT: GeneratorSnapshot = {
  loopLagP50Ms: 0,
  loopLagP99Ms: 0,
  loopLagMaxMs: 0,
  cpuPct: 0,
  elu: 0,
};

export interface GeneratorMonitorOptions {
  /** Length of the intervals the CPU and ELU limits are judged on. */
  intervalMs?: number;
  /** Threads the generator runs on (worker threads): the CPU limit is per thread. Default 1. */
  threads?: number;
}

/** The generator in the interval since the previous snapshot. */
export interface GeneratorSnapshot {
  loopLagP50Ms: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  /** Process CPU as a percentage of one core (all threads, so it can pass 100). */
  cpuPct: number;
  /** Event-loop utilisation, 0..1. */
  elu: number;
}

/** The generator over the whole run, and whether it was the bottleneck. */
export interface GeneratorResult {
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  cpuMeanPct: number;
  cpuPeakPct: number;
  eluMean: number;
  saturated: boolean;
  /** Each limit exceeded, with the numbers and what to do. */
  reasons: string[];
}

interface Mark {
  at: number;
  cpu: NodeJS.CpuUsage;
  elu: EventLoopUtilization;
}

const mark = (): Mark => ({
  at: performance.now(),
  cpu: process.cpuUsage(),
  elu: performance.eventLoopUtilization(),
});

function since(from: Mark): { elapsedMs: number; cpuPct: number; elu: number } {
  const elapsedMs = performance.now() - from.at;
  const cpu = process.cpuUsage(from.cpu);
  const cpuPct = elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100 : 0;
  return { elapsedMs, cpuPct, elu: performance.eventLoopUtilization(from.elu).utilization };
}

// The histogram records the time between its timer's ticks (nanoseconds), which includes the resolution
// itself; lag is what exceeds it.
function lagMs(h: IntervalHistogram, percentile?: number): number {
  if (h.count === 0) return 0;
  const ns = percentile === undefined ? h.max : h.percentile(percentile);
  return Math.max(0, ns / 1e6 - RESOLUTION_MS);
}

/** Creates a monitor of the generator's own event loop and CPU. */
export function createGeneratorMonitor(
  opts: GeneratorMonitorOptions = {},
): Monitor<GeneratorSnapshot, GeneratorResult> {
  const intervalMs = opts.intervalMs ?? 1000;
  const cpuLimitPct = CPU_LIMIT_PCT * Math.max(1, opts.threads ?? 1);
  // Two histograms: snapshot() resets its own, and Node drops the first delay after a reset, so the run
  // figures come from one that is never reset and a stall at a snapshot boundary still counts.
  const runLag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const snapLag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  let startMark = mark();
  let intervalMark = startMark;
  let snapMark = startMark;
  let timer: NodeJS.Timeout | undefined;
  const run = { intervals: 0, cpuPeakPct: 0, cpuHotIntervals: 0, eluHotIntervals: 0 };
  let result: Promise<GeneratorResult> | undefined;

  const closeInterval = () => {
    const { cpuPct, elu } = since(intervalMark);
    intervalMark = mark();
    run.intervals++;
    run.cpuPeakPct = Math.max(run.cpuPeakPct, cpuPct);
    if (cpuPct > cpuLimitPct) run.cpuHotIntervals++;
    if (elu > ELU_LIMIT) run.eluHotIntervals++;
  };

  const finish = (): GeneratorResult => {
    clearInterval(timer);
    // A short tail would judge a few milliseconds as a whole interval; keep it only when it is the run.
    const tail = performance.now() - intervalMark.at;
    if (state === 'running' && (tail >= intervalMs / 2 || run.intervals === 0)) closeInterval();
    const whole = state === 'running' ? since(startMark) : { cpuPct: 0, elu: 0 };
    state = 'stopped';
    runLag.disable();
    snapLag.disable();
    const loopLagP99Ms = lagMs(runLag, 99);
    const verdict = judgeGenerator({ loopLagP99Ms, eluMean: whole.elu, cpuLimitPct, ...run });
    return {
      loopLagP99Ms,
      loopLagMaxMs: lagMs(runLag),
      cpuMeanPct: whole.cpuPct,
      cpuPeakPct: run.cpuPeakPct,
      eluMean: whole.elu,
      ...verdict,
    };
  };

  return {
    start() {
      if (state !== 'idle') return;
      state = 'running';
      runLag.enable();
      snapLag.enable();
      startMark = mark();
      intervalMark = startMark;
      snapMark = startMark;
      timer = setInterval(closeInterval, intervalMs);
      timer.unref();
    },
    snapshot() {
      if (state !== 'running') return { ...ZERO_SNAPSHOT };
      const { cpuPct, elu } = since(snapMark);
      snapMark = mark();
      const out = {
        loopLagP50Ms: lagMs(snapLag, 50),
        loopLagP99Ms: lagMs(snapLag, 99),
        loopLagMaxMs: lagMs(snapLag),
        cpuPct,
        elu,
      };
      snapLag.reset();
      return out;
    },
    stop() {
      result ??= Promise.resolve(finish());
      return result;
    },
  };
}
