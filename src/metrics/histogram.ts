/**
 * HDR histograms for latencies and other non-negative measures: constant memory whatever the sample count,
 * 3 significant digits, mergeable across stages, workers and runs, and storable as compact base64.
 * Values are recorded in thousandths of the caller's unit (µs for ms) so sub-millisecond detail is kept.
 */
import * as hdr from 'hdr-histogram-js';

const SCALE = 1000;

export interface HistogramStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

/** A non-negative value distribution (e.g. milliseconds) with percentiles. */
export class Histogram {
  readonly hdr: hdr.Histogram;

  constructor(from?: hdr.Histogram) {
    this.hdr =
      from ??
      hdr.build({
        bitBucketSize: 'packed',
        lowestDiscernibleValue: 1,
        highestTrackableValue: 2 ** 36,
        numberOfSignificantValueDigits: 3,
        autoResize: true,
      });
  }

  /** Records one value; negative values are clamped to 0 (a histogram of durations has no negatives). */
  record(value: number): void {
    this.hdr.recordValue(Math.max(0, Math.round(value * SCALE)));
  }

  get count(): number {
    return this.hdr.totalCount;
  }

  /** The value at percentile p (0..100); NaN when empty. */
  percentile(p: number): number {
    if (this.hdr.totalCount === 0) return Number.NaN;
    return this.hdr.getValueAtPercentile(p) / SCALE;
  }

  /** Adds another histogram's counts into this one. */
  merge(other: Histogram): void {
    this.hdr.add(other.hdr);
  }

  /** The usual summary figures. */
  stats(): HistogramStats {
    const h = this.hdr;
    const empty = h.totalCount === 0;
    const v = (x: number) => (empty ? Number.NaN : x / SCALE);
    return {
      count: h.totalCount,
      min: v(h.getValueAtPercentile(0)),
      max: v(h.maxValue),
      mean: v(h.mean),
      stddev: v(h.stdDeviation),
      p50: this.percentile(50),
      p90: this.percentile(90),
      p95: this.percentile(95),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
    };
  }

  /** Compressed base64 (the HdrHistogram interchange encoding). */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.hdr);
  }

  /** Reads a histogram written by `encode`. */
  static decode(base64: string): Histogram {
    return new Histogram(hdr.decodeFromCompressedBase64(base64, 'packed', false));
  }
}
