/**
 * Bins taken from the reference only, so a reference profile (edges and counts) is computed once and
 * every later batch is counted against it in one pass. Pure maths, no I/O.
 */
import { checkSample } from './validate.js';

export interface BinOptions {
  /** Bins wanted; ties in a quantile binning can merge some (duplicate edges are dropped). */
  bins?: number;
  /** 'quantile': equal reference counts per bin (numpy's linear quantiles); 'uniform': equal widths. */
  method?: 'quantile' | 'uniform';
}

/**
 * Bin edges from the reference: [-Infinity, ...inner edges, +Infinity]. The open ends put current values
 * outside the reference's range into the first or last bin instead of losing them. Bins are closed on the
 * left, [e_i, e_i+1), like numpy's searchsorted(side='right'). A constant reference gives one inner edge
 * at its value.
 */
export function referenceBins(values: readonly number[], options: BinOptions = {}): number[] {
  const { bins = DEFAULT_BINS, method = 'quantile' } = options;
  checkBins(bins);
  checkSample('reference', values);
  const sorted = [...values].sort((a, b) => a - b);
  let inner: number[];
  if (method === 'quantile') {
    inner = quantileEdges(sorted.length, bins, (rank) => sorted[rank] as number);
  } else {
    inner = [];
    const lo = sorted[0] as number;
    const step = ((sorted[sorted.length - 1] as number) - lo) / bins;
    // numpy's linspace: i * step + start.
    for (let i = 1; i < bins; i++) inner.push(i * step + lo);
    inner = dropRepeats(inner);
  }
  return [Number.NEGATIVE_INFINITY, ...inner, Number.POSITIVE_INFINITY];
}

/** Bins when a caller names none. */
export const DEFAULT_BINS = 10;

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer; got ${bins}`);
}

function dropRepeats(sorted: readonly number[]): number[] {
  return sorted.filter((e, i) => i === 0 || e !== sorted[i - 1]);
}

/** Where numpy's linear quantile at percent p of n sorted values reads: rank lo, and frac of the way to lo + 1. */
function quantilePosition(n: number, p: number): { lo: number; frac: number } {
  // The arithmetic of percentileSorted (src/metrics/stats.ts), which matches numpy's default quantile.
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  return { lo, frac: rank - lo };
}

/**
 * The 0-based ranks (order statistics) of n sorted values that the inner quantile edges of `bins` bins
 * read, so a caller holding the values elsewhere (DuckDB) can fetch only those.
 */
export function quantileRanks(n: number, bins: number): number[] {
  checkBins(bins);
  const ranks = new Set<number>();
  for (let i = 1; i < bins; i++) {
    const { lo, frac } = quantilePosition(n, (100 * i) / bins);
    ranks.add(lo);
    if (frac !== 0) ranks.add(lo + 1);
  }
  return [...ranks].sort((a, b) => a - b);
}

/**
 * The inner quantile edges of `bins` equal-count bins over n sorted values, read through `valueAt(rank)`
 * (only the ranks quantileRanks lists), repeated edges dropped: numpy's linear quantiles, interpolated
 * from the nearer end as numpy's lerp does.
 */
export function quantileEdges(n: number, bins: number, valueAt: (rank: number) => number): number[] {
  checkBins(bins);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer; got ${n}`);
  const inner: number[] = [];
  for (let i = 1; i < bins; i++) {
    const { lo, frac } = quantilePosition(n, (100 * i) / bins);
    const a = valueAt(lo);
    if (frac === 0) {
      inner.push(a);
      continue;
    }
    const b = valueAt(lo + 1);
    inner.push(frac < 0.5 ? a + (b - a) * frac : b - (b - a) * (1 - frac));
  }
  return dropRepeats(inner);
}

/** How many values fall in each bin of `edges` (from referenceBins); one count per bin. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  if (edges.length < 2) throw new RangeError('edges need at least two entries (use referenceBins)');
  checkSample('values', values);
  const inner = edges.slice(1, -1);
  const counts: number[] = new Array(inner.length + 1).fill(0);
  for (const v of values) {
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((inner[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return counts;
}
