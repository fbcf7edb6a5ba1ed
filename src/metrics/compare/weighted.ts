/**
 * A distribution as distinct values with counts: what an HDR histogram holds, and what lets a rank test or a
 * bootstrap over 100k requests cost as much as a few thousand bins. Pure maths, no I/O.
 */
import type { JsHistogram } from 'hdr-histogram-js';
import { Histogram } from '../histogram.js';

export interface Weighted {
  /** Distinct values, ascending. */
  values: number[];
  /** How many samples had each value (same length as values). */
  counts: number[];
  total: number;
}

/** Raw samples as a weighted distribution (equal values merged). */
export function fromSamples(samples: readonly number[]): Weighted {
  const sorted = [...samples].sort((a, b) => a - b);
  const values: number[] = [];
  const counts: number[] = [];
  for (const v of sorted) {
    if (values.length > 0 && values[values.length - 1] === v)
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    else {
      values.push(v);
      counts.push(1);
    }
  }
  return { values, counts, total: sorted.length };
}

/** An HDR histogram's bins as a weighted distribution, in the histogram's unit (ms for latencies). */
export function fromHistogram(h: Histogram): Weighted {
  const js = h.hdr as unknown as JsHistogram;
  const values: number[] = [];
  const counts: number[] = [];
  let total = 0;
  for (let i = 0; i < js.countsArrayLength; i++) {
    const c = js.getCountAtIndex(i);
    if (c > 0) {
      values.push(js.valueFromIndex(i) / 1000);
      counts.push(c);
      total += c;
    }
  }
  return { values, counts, total };
}

/** Decodes a base64 histogram (as load stages store them) into a weighted distribution. */
export function fromEncodedHistogram(base64: string): Weighted {
  return fromHistogram(Histogram.decode(base64));
}

/** The value at percentile p (0..100): the smallest value whose cumulative share reaches p ("lower" rank). */
export function weightedPercentile(w: Weighted, p: number): number {
  if (w.total === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * w.total));
  let cum = 0;
  for (let i = 0; i < w.values.length; i++) {
    cum += w.counts[i] as number;
    if (cum >= rank) return w.values[i] as number;
  }
  return w.values[w.values.length - 1] as number;
}
