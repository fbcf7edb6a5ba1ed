/** Descriptive statistics on samples. Pure maths, no I/O. */

/** Percentile by linear interpolation between closest ranks (numpy's default, k6's too). `sorted` ascending. */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  if (p >= 100) return sorted[sorted.length - 1] as number;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const frac = rank - lo;
  const a = sorted[lo] as number;
  if (frac === 0) return a;
  const b = sorted[lo + 1] as number;
  // numpy's lerp: interpolate from the nearer end, which keeps results like 880 exact instead of 879.999...
  return frac < 0.5 ? a + (b - a) * frac : b - (b - a) * (1 - frac);
}

export interface TrendStats {
  count: number;
  avg: number;
  min: number;
  max: number;
  med: number;
  p90: number;
  p95: number;
  p99: number;
}

/** Count, mean, extremes and the usual percentiles of a sample. */
export function trendStats(values: readonly number[]): TrendStats {
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    avg: sorted.length ? sum / sorted.length : Number.NaN,
    min: sorted.length ? (sorted[0] as number) : Number.NaN,
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    med: percentileSorted(sorted, 50),
    p90: percentileSorted(sorted, 90),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
  };
}
