/**
 * Keeps the metric samples of a run and answers aggregations for gates and the summary.
 * Samples are grouped into series by (name, tags); gates select series with k6-style tag filters.
 */
import type { Aggregation } from '../config/threshold.js';
import { percentileSorted, trendStats } from '../metrics/stats.js';
import type { MetricKind, MetricSample } from './events.js';
import type { MetricSummary } from './summary.js';

interface Series {
  name: string;
  kind: MetricKind;
  tags: Record<string, string>;
  values: number[];
}

const seriesKey = (name: string, tags: Record<string, string>) =>
  `${name}{${Object.keys(tags)
    .sort()
    .map((k) => `${k}:${tags[k]}`)
    .join(',')}}`;

export class MetricRegistry {
  private readonly series = new Map<string, Series>();

  /** Adds one sample. A name keeps the kind it was first seen with. */
  add(sample: MetricSample): void {
    const key = seriesKey(sample.name, sample.tags);
    let s = this.series.get(key);
    if (!s) {
      s = { name: sample.name, kind: sample.kind, tags: { ...sample.tags }, values: [] };
      this.series.set(key, s);
    }
    s.values.push(sample.value);
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
    if (matched.length === 0) return undefined;
    const kind = (matched[0] as Series).kind;
    const values = matched.flatMap((s) => s.values);
    if (values.length === 0) return undefined;
    return { kind, value: aggregateValues(kind, values, agg, matched), count: values.length };
  }

  /** One summary row per series. */
  summarize(): MetricSummary[] {
    return [...this.series.values()].map((s) => ({
      name: s.name,
      kind: s.kind,
      tags: s.tags,
      count: s.values.length,
      values: summarizeValues(s.kind, s.values),
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

function aggregateValues(kind: MetricKind, values: number[], agg: Aggregation, series: Series[]): number {
  if (agg === 'count') return kind === 'rate' || kind === 'trend' ? values.length : sum(values);
  if (agg === 'rate') {
    if (kind === 'rate') return sum(values.map((v) => (v ? 1 : 0))) / values.length;
    return Number.NaN;
  }
  if (agg === 'value') {
    // A gauge's value is its last reading; across several series (targets), the gate sees each one's last.
    const lasts = series.map((s) => s.values[s.values.length - 1] as number);
    return lasts.length === 1 ? (lasts[0] as number) : Math.max(...lasts);
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (agg === 'min') return sorted[0] as number;
  if (agg === 'max') return sorted[sorted.length - 1] as number;
  if (agg === 'avg') return sum(values) / values.length;
  if (agg === 'med') return percentileSorted(sorted, 50);
  const p = Number(/^p\((.+)\)$/.exec(agg)?.[1]);
  return percentileSorted(sorted, p);
}

function summarizeValues(kind: MetricKind, values: number[]): Record<string, number> {
  switch (kind) {
    case 'trend': {
      const { count: _count, ...rest } = trendStats(values);
      return rest;
    }
    case 'rate':
      return {
        rate: sum(values.map((v) => (v ? 1 : 0))) / values.length,
        passes: sum(values.map((v) => (v ? 1 : 0))),
      };
    case 'counter':
      return { count: sum(values) };
    case 'gauge':
      return {
        value: values[values.length - 1] as number,
        min: Math.min(...values),
        max: Math.max(...values),
      };
  }
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
