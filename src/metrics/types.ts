/** Metric samples and threshold results: shared by the engine (run/) and by stages that judge their own metrics. */

export type MetricKind = 'trend' | 'rate' | 'counter' | 'gauge';

/** A measured value. Trends keep a distribution, rates the share of truthy values, counters a sum, gauges the last. */
export interface MetricSample {
  name: string;
  kind: MetricKind;
  value: number;
  /** Tags for k6-style sub-metrics in gates, e.g. `checks{target:canary}`; stage and target are always set. */
  tags: Record<string, string>;
  /** Further values of the same series in one event (e.g. every inter-token gap of a stream). */
  batch?: number[];
}

/** One threshold judged on one metric (for one target when a run has several). */
export interface GateResult {
  /** The metric as written, e.g. `checks{stage:smoke}`. */
  metric: string;
  threshold: string;
  target?: string;
  observed?: number;
  status: 'pass' | 'fail' | 'skip';
  abortOnFail: boolean;
  message: string;
}

export interface MetricSummary {
  name: string;
  kind: MetricKind;
  tags: Record<string, string>;
  count: number;
  /** trend: avg/min/max/med/p90/p95/p99; rate: rate; counter: sum; gauge: value (last), min, max. */
  values: Record<string, number>;
}
