/**
 * Keeps the metric samples of a run and answers aggregations for gates and the summary. Samples are grouped
 * into series by (name, tags); gates select series with k6-style tag filters. Memory is bounded per series:
 * trends switch to an HDR histogram past a cap, the other kinds keep only running figures.
 */
import type { Aggregation } from '../config/threshold.js';
import { Trend } from './trend.js';
import type { MetricKind, MetricSample, MetricSummary } from './types.js';

interface SeriesBase {
  name: string;
  tags: Record<string, string>;
  count: number;
}
type Series =
  | (SeriesBase & { kind: 'trend'; trend: Trend })
  | (SeriesBase & { kind: 'rate'; passes: number })
  | (SeriesBase & { kind: 'counter'; sum: number })
  | (SeriesBase & { kind: 'gauge'; last: number; min: number; max: number });

const seriesKey = (name: string, tags: Record<string, string>) =>
  `${name}{${Object.keys(tags)
    .sort()
    .map((k) => `${k}:${tags[k]}`)
    .join(',')}}`;

function newSeries(sample: MetricSample): Series {
  const base = { name: sample.name, tags: { ...sample.tags }, count: 0 };
  switch (sample.kind) {
    case 'trend':
      return { ...base, kind: 'trend', trend: new Trend() };
    case 'rate':
      return { ...base, kind: 'rate', passes: 0 };
    case 'counter':
      return { ...base, kind: 'counter', sum: 0 };
    case 'gauge':
      return {
        ...base,
        kind: 'gauge',
        last: Number.NaN,
        min: Number.POSITIVE_INFINITY,
        max: Number.NEGATIVE_INFINITY,
      };
  }
}

export class MetricRegistry {
  private readonly series = new Map<string, Series>();

  /** Adds one sample. A series keeps the kind it was first seen with. */
  add(sample: MetricSample): void {
    const key = seriesKey(sample.name, sample.tags);
    let s = this.series.get(key);
    if (!s) {
      s = newSeries(sample);
      this.series.set(key, s);
    }
    addValue(s, sample.value);
    if (sample.batch) for (const v of sample.batch) addValue(s, v);
  }

  /** Names of metrics seen, for "did you mean" on gates. */
  names(): string[] {
    return [...new Set([...this.series.values()].map((s) => s.name))];
  }

  private select(name: string, filter: Record<string, string>): Series[] {
    return [...this.series.values()].filter(
      (s) => s.name === name && Object.entries(filter).every(([k, v]) => s.tags[k] === v),
    );
  }

  /** Aggregates the samples of `name` whose tags include `filter`; undefined when there are none. */
  aggregate(
    name: string,
    filter: Record<string, string>,
    agg: Aggregation,
  ): { kind: MetricKind; value: number; count: number } | undefined {
    const matched = this.select(name, filter);
    const count = matched.reduce((n, s) => n + s.count, 0);
    if (matched.length === 0 || count === 0) return undefined;
    const kind = (matched[0] as Series).kind;
    return { kind, value: aggregateSeries(kind, matched, agg), count };
  }

  /** One summary row per series. */
  summarize(): MetricSummary[] {
    return [...this.series.values()].map((s) => ({
      name: s.name,
      kind: s.kind,
      tags: s.tags,
      count: s.count,
      values: summarizeSeries(s),
    }));
  }

  /** Tag values seen for a metric, e.g. every target a metric was measured for. */
  tagValues(name: string, tag: string): string[] {
    return [
      ...new Set(
        this.select(name, {})
          .map((s) => s.tags[tag])
          .filter((v): v is string => v !== undefined),
      ),
    ];
  }
}

function addValue(s: Series, v: number): void {
  s.count++;
  switch (s.kind) {
    case 'trend':
      s.trend.add(v);
      break;
    case 'rate':
      if (v) s.passes++;
      break;
    case 'counter':
      s.sum += v;
      break;
    case 'gauge':
      s.last = v;
      s.min = Math.min(s.min, v);
      s.max = Math.max(s.max, v);
      break;
  }
}

function aggregateSeries(kind: MetricKind, series: Series[], agg: Aggregation): number {
  const count = series.reduce((n, s) => n + s.count, 0);
  switch (kind) {
    case 'rate': {
      const passes = series.reduce((n, s) => n + (s.kind === 'rate' ? s.passes : 0), 0);
      return agg === 'count' ? count : agg === 'rate' ? passes / count : Number.NaN;
    }
    case 'counter':
      return agg === 'count'
        ? series.reduce((n, s) => n + (s.kind === 'counter' ? s.sum : 0), 0)
        : Number.NaN;
    case 'gauge': {
      const gauges = series.filter((s): s is Extract<Series, { kind: 'gauge' }> => s.kind === 'gauge');
      // A gauge's value is its last reading; across several series (stages) the gate sees the largest.
      if (agg === 'value') return Math.max(...gauges.map((g) => g.last));
      if (agg === 'min') return Math.min(...gauges.map((g) => g.min));
      if (agg === 'max') return Math.max(...gauges.map((g) => g.max));
      return Number.NaN;
    }
    case 'trend': {
      const trends = series
        .filter((s): s is Extract<Series, { kind: 'trend' }> => s.kind === 'trend')
        .map((s) => s.trend);
      const trend = trends.length === 1 ? (trends[0] as Trend) : Trend.merge(trends);
      if (agg === 'count') return trend.count;
      if (agg === 'min') return trend.min;
      if (agg === 'max') return trend.max;
      if (agg === 'avg') return trend.mean;
      if (agg === 'med') return trend.percentile(50);
      const p = Number(/^p\((.+)\)$/.exec(agg)?.[1]);
      return Number.isFinite(p) ? trend.percentile(p) : Number.NaN;
    }
  }
}

function summarizeSeries(s: Series): Record<string, number> {
  switch (s.kind) {
    case 'trend': {
      const t = s.trend;
      return {
        avg: t.mean,
        min: t.min,
        max: t.max,
        med: t.percentile(50),
        p90: t.percentile(90),
        p95: t.percentile(95),
        p99: t.percentile(99),
        ...(t.exact ? {} : { p999: t.percentile(99.9) }),
      };
    }
    case 'rate':
      return { rate: s.passes / s.count, passes: s.passes };
    case 'counter':
      return { count: s.sum };
    case 'gauge':
      return { value: s.last, min: s.min, max: s.max };
  }
}
