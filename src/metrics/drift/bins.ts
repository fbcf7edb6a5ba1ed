/**
 * Bins taken from the reference only, so a reference profile (edges and counts) is computed once and
 * every later batch is counted against it in one pass. Pure maths, no I/O.
 */
import { percentileSorted } from '../stats.js';
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
  const { bins = 10, method = 'quantile' } = options;
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer; got ${bins}`);
  checkSample('reference', values);
  const sorted = [...values].sort((a, b) => a - b);
  const inner: number[] = [];
  if (method === 'quantile') {
    for (let i = 1; i < bins; i++) inner.push(percentileSorted(sorted, (100 * i) / bins));
  } else {
    const lo = sorted[0] as number;
    const step = ((sorted[sorted.length - 1] as number) - lo) / bins;
    // numpy's linspace: i * step + start.
    for (let i = 1; i < bins; i++) inner.push(i * step + lo);
  }
  const unique = inner.filter((e, i) => i === 0 || e !== inner[i - 1]);
  return [Number.NEGATIVE_INFINITY, ...unique, Number.POSITIVE_INFINITY];
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
