/**
 * Gates: k6-style thresholds judged on the run's metrics. With several targets each target is judged on its
 * own (a canary must pass by itself), unless the gate names one with a tag filter.
 */
import type { Suite } from '../config/schema.js';
import { closest } from '../config/suggest.js';
import {
  type Aggregation,
  parseMetricSelector,
  parseThreshold,
  thresholdHolds,
} from '../config/threshold.js';
import type { MetricRegistry } from './registry.js';
import type { GateResult, MetricKind } from './types.js';

const ALLOWED: Record<MetricKind, (agg: Aggregation) => boolean> = {
  trend: (a) => a !== 'rate' && a !== 'value',
  rate: (a) => a === 'rate' || a === 'count',
  counter: (a) => a === 'count',
  gauge: (a) => a === 'value' || a === 'min' || a === 'max',
};

export interface GateOptions {
  /** When stages were filtered out, a gate with no data is skipped instead of failed. */
  filtered: boolean;
  /** Only the abortOnFail gates (checked between stages). */
  abortOnly?: boolean;
}

/** Judges every gate of the suite against the metrics measured so far. */
export function evaluateGates(
  gates: Suite['gates'],
  metrics: MetricRegistry,
  opts: GateOptions,
): GateResult[] {
  const results: GateResult[] = [];
  for (const [metricSource, entries] of Object.entries(gates)) {
    const selector = parseMetricSelector(metricSource);
    if (typeof selector === 'string') continue; // rejected at load time
    const targets = selector.tags.target ? [undefined] : metrics.tagValues(selector.metric, 'target');
    for (const entry of entries) {
      const source = typeof entry === 'string' ? entry : entry.threshold;
      const abortOnFail = typeof entry === 'string' ? false : entry.abortOnFail;
      if (opts.abortOnly && !abortOnFail) continue;
      const threshold = parseThreshold(source);
      if (typeof threshold === 'string') continue;
      for (const target of targets.length > 1 ? targets : [undefined]) {
        const filter = target ? { ...selector.tags, target } : selector.tags;
        const base = { metric: metricSource, threshold: source, abortOnFail, ...(target ? { target } : {}) };
        const agg = metrics.aggregate(selector.metric, filter, threshold.aggregation);
        if (!agg) {
          const guess = closest(selector.metric, metrics.names());
          const hint = guess && guess !== selector.metric ? ` Did you mean "${guess}"?` : '';
          results.push({
            ...base,
            status: opts.filtered ? 'skip' : 'fail',
            message: opts.filtered
              ? `no samples for ${metricSource} (its stage was filtered out)`
              : `no samples for ${metricSource}: no stage measured it.${hint} Measured: ${metrics.names().join(', ') || 'nothing'}`,
          });
          continue;
        }
        if (!ALLOWED[agg.kind](threshold.aggregation)) {
          results.push({
            ...base,
            status: 'fail',
            message: `${threshold.aggregation} does not apply to ${metricSource}, a ${agg.kind} metric`,
          });
          continue;
        }
        const pass = thresholdHolds(agg.value, threshold);
        results.push({
          ...base,
          observed: agg.value,
          status: pass ? 'pass' : 'fail',
          message: `${target ? `[${target}] ` : ''}${threshold.aggregation} = ${formatNumber(agg.value)} (limit ${threshold.op} ${threshold.limit}, ${agg.count} sample${agg.count === 1 ? '' : 's'})${pass ? '' : ' FAILED'}`,
        });
      }
    }
  }
  return results;
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 || Number.isInteger(v)
    ? String(Math.round(v * 100) / 100)
    : String(Number(v.toPrecision(4)));
}
