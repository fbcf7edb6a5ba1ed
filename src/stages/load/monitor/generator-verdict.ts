/**
 * Decides whether the load generator, not the target, was the bottleneck of a run, and says why in
 * words a report can print. Pure: it takes the figures the generator monitor measured.
 */

/**
 * Loop-lag p99 above which timing figures are distrusted: a response that arrives while the loop is
 * busy is timestamped up to this late, which is the size of a fast server's TTFT or ITL.
 */
export const LOOP_LAG_P99_LIMIT_MS = 20;
/** Event-loop utilisation above which the loop has no idle time left to read sockets as bytes arrive. */
export const ELU_LIMIT = 0.9;
/** CPU (percent of one core) above which one event loop cannot go faster: the generator is CPU-bound. */
export const CPU_LIMIT_PCT = 90;
/**
 * Share of intervals that must exceed the ELU or CPU limit: a GC pause or the start-up burst makes one
 * interval hot without limiting the run, a quarter of the run does.
 */
export const HOT_INTERVAL_SHARE = 0.25;

/** What the generator monitor measured over the run. */
export interface GeneratorFigures {
  loopLagP99Ms: number;
  cpuPeakPct: number;
  eluMean: number;
  intervals: number;
  /** The CPU limit in force (CPU_LIMIT_PCT per generator thread); default CPU_LIMIT_PCT. */
  cpuLimitPct?: number;
  /** Intervals whose CPU exceeded the CPU limit. */
  cpuHotIntervals: number;
  /** Intervals whose ELU exceeded ELU_LIMIT. */
  eluHotIntervals: number;
}

/** The verdict on the generator. */
export interface GeneratorVerdict {
  saturated: boolean;
  reasons: string[];
}

const ADVICE = 'lower the rate or use more workers';

/** Judges the figures against the named limits. */
export function judgeGenerator(f: GeneratorFigures): GeneratorVerdict {
  const reasons: string[] = [];
  if (f.loopLagP99Ms > LOOP_LAG_P99_LIMIT_MS) {
    reasons.push(
      `event-loop lag p99 ${num(f.loopLagP99Ms)} ms > ${LOOP_LAG_P99_LIMIT_MS} ms: ` +
        `timing figures are unreliable; ${ADVICE}`,
    );
  }
  if (isHot(f.cpuHotIntervals, f.intervals)) {
    reasons.push(
      `CPU above ${f.cpuLimitPct ?? CPU_LIMIT_PCT}% of a core in ${f.cpuHotIntervals} of ${f.intervals} intervals ` +
        `(peak ${num(f.cpuPeakPct)}%): the generator is CPU-bound and timing figures are unreliable; ${ADVICE}`,
    );
  }
  if (isHot(f.eluHotIntervals, f.intervals)) {
    reasons.push(
      `event-loop utilisation above ${ELU_LIMIT} in ${f.eluHotIntervals} of ${f.intervals} intervals ` +
        `(run mean ${f.eluMean.toFixed(2)}): responses wait to be read, so timing figures are unreliable; ${ADVICE}`,
    );
  }
  return { saturated: reasons.length > 0, reasons };
}

function isHot(hot: number, intervals: number): boolean {
  return intervals > 0 && hot / intervals > HOT_INTERVAL_SHARE;
}

// Whole numbers read best for figures of ten and more; smaller ones keep one decimal.
function num(value: number): string {
  return Math.abs(value) >= 10 ? String(Math.round(value)) : value.toFixed(1);
}
