/**
 * A trend (a distribution of samples) with bounded memory: exact samples up to a cap, so small runs get
 * numpy-exact percentiles; past the cap an HDR histogram (3 significant digits) takes over, so a run of
 * millions of requests costs kilobytes, not hundreds of megabytes (k6 keeps every sample).
 */
import { Histogram } from './histogram.js';
import { percentileSorted } from './stats.js';

/** Samples kept exactly before switching to a histogram. */
export const EXACT_CAP = 20_000;

export class Trend {
  private values: number[] | undefined = [];
  private sorted = true;
  private histogram: Histogram | undefined;
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Adds one sample. */
  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (this.histogram) {
      this.histogram.record(v);
      return;
    }
    const values = this.values as number[];
    // Negative samples cannot go into a histogram; such trends (rare: differences) stay exact.
    if (values.length >= EXACT_CAP && this.min >= 0) {
      this.histogram = new Histogram();
      for (const x of values) this.histogram.record(x);
      this.histogram.record(v);
      this.values = undefined;
      return;
    }
    if (this.sorted && values.length > 0 && v < (values[values.length - 1] as number)) this.sorted = false;
    values.push(v);
  }

  /** One trend holding the samples of several (e.g. a metric across stages). */
  static merge(trends: readonly Trend[]): Trend {
    const out = new Trend();
    for (const t of trends) {
      out.count += t.count;
      out.sum += t.sum;
      out.min = Math.min(out.min, t.min);
      out.max = Math.max(out.max, t.max);
    }
    const exact = trends.every((t) => t.values !== undefined) && out.count <= EXACT_CAP;
    if (exact) {
      out.values = trends.flatMap((t) => t.values as number[]);
      out.sorted = false;
    } else {
      const h = new Histogram();
      for (const t of trends) {
        if (t.histogram) h.merge(t.histogram);
        else for (const v of t.values as number[]) h.record(v);
      }
      out.histogram = h;
      out.values = undefined;
    }
    return out;
  }

  /** True while percentiles are exact. */
  get exact(): boolean {
    return this.values !== undefined;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : Number.NaN;
  }

  /** Percentile p in 0..100: linear interpolation while exact (numpy's default), HDR afterwards. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    if (this.histogram) return this.histogram.percentile(p);
    const values = this.values as number[];
    if (!this.sorted) {
      values.sort((a, b) => a - b);
      this.sorted = true;
    }
    return percentileSorted(values, p);
  }
}
