/**
 * k6-style thresholds: `'p(95)<500'`, `'rate<0.01'`, `'max<=2048'` on a metric, optionally filtered to a
 * sub-metric by tags: `checks{target:canary}`. Parsed once at load time so a typo fails before any request.
 */
export type Aggregation = 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' | `p(${number})`;
export type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Threshold {
  source: string;
  aggregation: Aggregation;
  percentile?: number;
  op: Comparator;
  limit: number;
}

export interface MetricSelector {
  source: string;
  metric: string;
  tags: Record<string, string>;
}

const THRESHOLD =
  /^\s*(avg|min|max|med|count|rate|value|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;

/** Parses a threshold expression, or returns the reason it is not one. */
export function parseThreshold(source: string): Threshold | string {
  const m = THRESHOLD.exec(source);
  if (!m) {
    return `expected a threshold like "p(95)<500", "rate<0.01" or "max<=2048", got ${JSON.stringify(source)}`;
  }
  const percentile = m[2] === undefined ? undefined : Number(m[2]);
  if (percentile !== undefined && (percentile < 0 || percentile > 100)) {
    return `percentile must be between 0 and 100, got p(${m[2]}) in ${JSON.stringify(source)}`;
  }
  return {
    source,
    aggregation: (percentile === undefined ? m[1] : `p(${percentile})`) as Aggregation,
    ...(percentile === undefined ? {} : { percentile }),
    op: m[3] as Comparator,
    limit: Number(m[4]),
  };
}

const SELECTOR = /^([A-Za-z_][\w.]*)(?:\{([^}]*)\})?$/;

/** Parses `metric` or `metric{tag:value,tag2:value}`, or returns the reason it is not one. */
export function parseMetricSelector(source: string): MetricSelector | string {
  const m = SELECTOR.exec(source.trim());
  if (!m)
    return `expected a metric name like "checks" or "checks{target:canary}", got ${JSON.stringify(source)}`;
  const tags: Record<string, string> = {};
  for (const part of (m[2] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const idx = part.indexOf(':');
    if (idx <= 0)
      return `expected tag filters like {stage:smoke}, got {${m[2]}} in ${JSON.stringify(source)}`;
    tags[part.slice(0, idx).trim()] = part.slice(idx + 1).trim();
  }
  return { source, metric: m[1] as string, tags };
}

/** Compares an observed value with a threshold. */
export function thresholdHolds(observed: number, t: Threshold): boolean {
  switch (t.op) {
    case '<':
      return observed < t.limit;
    case '<=':
      return observed <= t.limit;
    case '>':
      return observed > t.limit;
    case '>=':
      return observed >= t.limit;
    case '==':
      return observed === t.limit;
    case '!=':
      return observed !== t.limit;
  }
}
