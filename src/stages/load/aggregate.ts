/**
 * Folds the outcomes of one load level into histograms, counts and a per-second time series. Only requests
 * of the measure window count towards the figures; warm-up and cool-down ones are counted apart.
 */
import * as hdr from 'hdr-histogram-js';
import { Histogram } from '../../metrics/histogram.js';
import { Trend } from '../../metrics/trend.js';
import type { ErrorClass, ScheduledOutcome } from './types.js';

export const LATENCY_METRICS = [
  'ttfb',
  'ttft',
  'itl',
  'tpot',
  'e2e',
  'e2e_close',
  'schedule_lag',
  'latency_from_intended',
] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number];

export interface Slo {
  ttft?: number;
  tpot?: number;
  e2e?: number;
}

/** The counts kept for one second of the run. */
interface SecondCounts {
  t: number;
  started: number;
  completed: number;
  errors: number;
  dropped: number;
  inFlightMax: number;
  outputTokens: number;
}

/** One second of the run, as reported: its counts, TTFT percentiles and monitor columns. */
export interface TimePoint extends SecondCounts {
  ttftP50?: number;
  ttftP99?: number;
  [extra: string]: number | undefined;
}

/** The per-request values of one measured outcome, for metrics and thresholds. */
export interface RequestFigures {
  ok: boolean;
  latencies: Partial<Record<Exclude<LatencyMetric, 'itl'>, number>>;
  itl: number[];
  outputTokens: number;
}

export class LevelAggregator {
  readonly histograms = Object.fromEntries(LATENCY_METRICS.map((m) => [m, fastHistogram()])) as Record<
    LatencyMetric,
    Histogram
  >;
  measured = 0;
  ok = 0;
  good = 0;
  outsideWindow = 0;
  late = 0;
  outputTokens = 0;
  promptTokens = 0;
  readonly errorsByClass: Partial<Record<ErrorClass, number>> = {};
  readonly errorsByStatus: Record<string, number> = {};
  tokenMismatches = 0;
  tokenMismatchMaxAbs = 0;
  usageMissing = 0;
  firstError?: string;
  private readonly seconds = new Map<number, Bucket>();

  constructor(
    private readonly t0: number,
    private readonly slo: Slo,
  ) {}

  private point(at: number): Bucket {
    const t = Math.max(0, Math.floor((at - this.t0) / 1000));
    let p = this.seconds.get(t);
    if (!p) {
      p = {
        t,
        started: 0,
        completed: 0,
        errors: 0,
        dropped: 0,
        inFlightMax: 0,
        outputTokens: 0,
        ttft: new Trend(),
        extra: {},
      };
      this.seconds.set(t, p);
    }
    return p;
  }

  /** Scheduler events: arrivals, drops and the in-flight count feed the time series. */
  onEvent(e: { type: 'sent' | 'queued' | 'dropped' | 'done'; at: number; inFlight: number }): void {
    const p = this.point(e.at);
    if (e.type === 'sent') p.started++;
    if (e.type === 'dropped') p.dropped++;
    p.inFlightMax = Math.max(p.inFlightMax, e.inFlight);
  }

  /** Adds one outcome; returns its figures when it counts (measure window), else undefined. */
  add(o: ScheduledOutcome): RequestFigures | undefined {
    const end = o.sentAt + (o.e2eCloseMs ?? o.e2eMs ?? 0);
    const p = this.point(end);
    p.completed++;
    if (!o.ok) p.errors++;
    if (o.ok && o.outputTokens) p.outputTokens += o.outputTokens;
    if (o.phase !== 'measure') {
      this.outsideWindow++;
      return undefined;
    }
    this.measured++;
    if (o.late) this.late++;
    if (!o.ok) {
      const cls = o.error?.class ?? 'http';
      this.errorsByClass[cls] = (this.errorsByClass[cls] ?? 0) + 1;
      if (o.status !== undefined) this.errorsByStatus[o.status] = (this.errorsByStatus[o.status] ?? 0) + 1;
      this.firstError ??= o.error?.message;
    }
    // Each figure goes into its histogram as it is set (no second pass over the object: this runs per request).
    const lat: RequestFigures['latencies'] = {};
    const lag = o.intendedAt === undefined ? undefined : o.sentAt - o.intendedAt;
    if (lag !== undefined) this.put(lat, 'schedule_lag', lag);
    if (o.ok) {
      this.ok++;
      if (o.ttfbMs !== undefined) this.put(lat, 'ttfb', o.ttfbMs);
      if (o.ttftMs !== undefined) this.put(lat, 'ttft', o.ttftMs);
      if (o.e2eMs !== undefined) this.put(lat, 'e2e', o.e2eMs);
      if (o.e2eCloseMs !== undefined) this.put(lat, 'e2e_close', o.e2eCloseMs);
      const out = o.outputTokens ?? 0;
      if (o.ttftMs !== undefined && o.e2eMs !== undefined && out > 1)
        this.put(lat, 'tpot', (o.e2eMs - o.ttftMs) / (out - 1));
      if (lag !== undefined && o.e2eMs !== undefined) this.put(lat, 'latency_from_intended', lag + o.e2eMs);
      this.outputTokens += out;
      this.promptTokens += o.promptTokens ?? 0;
      if (o.outputTokensSource !== 'usage') this.usageMissing++;
      if (o.tokenCountMismatch) {
        this.tokenMismatches++;
        this.tokenMismatchMaxAbs = Math.max(this.tokenMismatchMaxAbs, Math.abs(o.tokenCountMismatch));
      }
      if (this.meetsSlo(lat)) this.good++;
      if (o.ttftMs !== undefined) p.ttft.add(o.ttftMs);
    } else if (lag !== undefined && o.e2eMs !== undefined) {
      this.put(lat, 'latency_from_intended', lag + o.e2eMs);
    }
    const itl = o.itlMs;
    const itlHistogram = this.histograms.itl;
    for (let i = 0; i < itl.length; i++) itlHistogram.record(itl[i] as number);
    return {
      ok: o.ok,
      latencies: lat,
      itl: o.ok ? o.itlMs : [],
      outputTokens: o.ok ? (o.outputTokens ?? 0) : 0,
    };
  }

  private put(lat: RequestFigures['latencies'], name: Exclude<LatencyMetric, 'itl'>, value: number): void {
    lat[name] = value;
    this.histograms[name].record(value);
  }

  private meetsSlo(lat: RequestFigures['latencies']): boolean {
    const { ttft, tpot, e2e } = this.slo;
    if (ttft !== undefined && !(lat.ttft !== undefined && lat.ttft <= ttft)) return false;
    if (tpot !== undefined && lat.tpot !== undefined && lat.tpot > tpot) return false;
    if (e2e !== undefined && !(lat.e2e !== undefined && lat.e2e <= e2e)) return false;
    return true;
  }

  /** Adds monitor figures (loop lag, scraped metrics, GPU) to the second they were taken in. */
  annotate(at: number, values: Record<string, number | undefined>): void {
    const p = this.point(at);
    for (const [k, v] of Object.entries(values)) if (v !== undefined && Number.isFinite(v)) p.extra[k] = v;
  }

  /** The per-second series, seconds in order, with TTFT percentiles per second. */
  timeline(): TimePoint[] {
    return [...this.seconds.values()].sort((a, b) => a.t - b.t).map(flatten);
  }

  /** Figures of the last completed second, for live progress. */
  recent(at: number): TimePoint | undefined {
    const t = Math.floor((at - this.t0) / 1000) - 1;
    const p = this.seconds.get(t);
    return p ? flatten(p) : undefined;
  }
}

/** One second while it fills: its counts, the TTFTs seen, and monitor columns kept apart. */
interface Bucket extends SecondCounts {
  ttft: Trend;
  extra: Record<string, number>;
}

function flatten({ ttft, extra, ...p }: Bucket): TimePoint {
  return {
    ...extra,
    ...p,
    ...(ttft.count ? { ttftP50: ttft.percentile(50), ttftP99: ttft.percentile(99) } : {}),
  };
}

/**
 * A Histogram on a plain 32-bit counts array instead of the default packed one: the same buckets and
 * percentiles (and encoding), some 100 KB at most per histogram, and a record several times cheaper. The
 * aggregator records every latency of every request, ITL once per streamed token (a burst of ~65,000 when
 * 256 streams of 256 tokens end together), so the packed array's index lookups showed up in profiles.
 * The bucket settings are those of `new Histogram()`.
 */
function fastHistogram(): Histogram {
  return new Histogram(
    hdr.build({
      bitBucketSize: 32,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 2 ** 36,
      numberOfSignificantValueDigits: 3,
      autoResize: true,
    }),
  );
}
