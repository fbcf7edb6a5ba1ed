/**
 * Compares two stored runs (or two targets of one run) with statistics rather than raw thresholds: a
 * Mann-Whitney test and a bootstrap interval on the median difference for latencies, McNemar on the same eval
 * cases, a two-proportion test for success rates; Holm's correction across all of them; then each metric is
 * regressed, improved, unchanged or inconclusive (see src/metrics/compare/verdict.ts for the rule).
 */
import { bootstrapPercentileDiff } from '../../metrics/compare/bootstrap.js';
import { mannWhitney, mcnemar, twoProportion } from '../../metrics/compare/tests.js';
import { type CompareVerdict, type Direction, decide, type Tested } from '../../metrics/compare/verdict.js';
import { weightedPercentile } from '../../metrics/compare/weighted.js';
import { normalQuantile } from '../../metrics/intervals.js';
import type { CheckStatus } from '../../run/events.js';
import type { StoredRun } from './runs.js';
import { extractSeries, type Series } from './series.js';

export interface CompareOptions {
  /** Significance level after Holm's correction (default 0.01). */
  alpha?: number;
  /** Smallest latency change that matters, relative to the base median (default 0.05) ... */
  latencyRelative?: number;
  /** ... and never less than this many milliseconds (default 1). */
  latencyMs?: number;
  /** Smallest change of a pass or success rate that matters, as a fraction (default 0.02 = 2 points). */
  ratePoints?: number;
  /** Fewer samples than this on either side make a metric inconclusive (default 20). */
  minSamples?: number;
  seed?: number;
  /** Compare two targets of one run (canary analysis): the base target and the current target. */
  targets?: { base: string; current: string };
}

export interface MetricComparison {
  target: string;
  stage: string;
  level?: string;
  metric: string;
  test: 'mann-whitney' | 'two-proportion' | 'mcnemar';
  unit: 'ms' | 'rate';
  direction: Direction;
  /** Median for latencies, the rate for rates. */
  base: number;
  current: number;
  delta: number;
  /** The interval on delta at 1 - alpha confidence. */
  low: number;
  high: number;
  practical: number;
  n: [number, number];
  p: number;
  adjustedP: number;
  verdict: CompareVerdict;
  /** p95 of both sides and its bootstrap interval (latencies only). */
  p95?: { base: number; current: number; low: number; high: number };
  note?: string;
}

export interface CheckChange {
  id: string;
  target: string;
  base?: CheckStatus;
  current?: CheckStatus;
}

export interface SummaryDelta {
  name: string;
  tags: Record<string, string>;
  stat: string;
  base: number;
  current: number;
  delta: number;
}

export interface Comparison {
  base: { runId: string; dir: string; verdict: string; target?: string };
  current: { runId: string; dir: string; verdict: string; target?: string };
  alpha: number;
  metrics: MetricComparison[];
  checks: CheckChange[];
  /** Metrics of either run with no counterpart in the other. */
  unmatched: string[];
  /** Every summarized metric of both runs, untested (gauges, counters, trends without stored samples). */
  summaryDeltas: SummaryDelta[];
  verdict: CompareVerdict;
  counts: Record<CompareVerdict, number>;
}

type Pending = Omit<MetricComparison, 'adjustedP' | 'verdict'> & { insufficient: boolean };

/** Compares current against base (or, with options.targets, two targets of one run). */
export function compareRuns(base: StoredRun, current: StoredRun, options: CompareOptions = {}): Comparison {
  const o = {
    alpha: 0.01,
    latencyRelative: 0.05,
    latencyMs: 1,
    ratePoints: 0.02,
    minSamples: 20,
    seed: 1,
    ...options,
  };
  const canary = options.targets;
  const keyOf = (s: Series) => (canary ? s.key : `${s.target}\u0000${s.key}`);
  const baseSeries = new Map(extractSeries(base, canary?.base).map((s) => [keyOf(s), s]));
  const currentSeries = new Map(extractSeries(current, canary?.current).map((s) => [keyOf(s), s]));
  const pending: Pending[] = [];
  const unmatched: string[] = [];
  let seed = o.seed;
  for (const [key, b] of baseSeries) {
    const c = currentSeries.get(key);
    if (!c || c.kind !== b.kind) {
      unmatched.push(`${b.target} ${b.key} (only in base)`);
      continue;
    }
    pending.push(compareSeries(b, c, o, seed++));
  }
  for (const [key, c] of currentSeries) {
    if (!baseSeries.has(key)) unmatched.push(`${c.target} ${c.key} (only in current)`);
  }
  const decided = decide(
    pending.map(
      (m): Tested => ({
        p: m.p,
        effect: m.delta,
        low: m.low,
        high: m.high,
        practical: m.practical,
        direction: m.direction,
        insufficient: m.insufficient,
      }),
    ),
    o.alpha,
  );
  const metrics = pending.map(({ insufficient: _, ...m }, i) => ({
    ...m,
    adjustedP: decided[i]?.adjustedP ?? Number.NaN,
    verdict: decided[i]?.verdict ?? ('inconclusive' as const),
  }));
  const counts = { regressed: 0, improved: 0, unchanged: 0, inconclusive: 0 };
  for (const m of metrics) counts[m.verdict]++;
  const verdict: CompareVerdict =
    counts.regressed > 0
      ? 'regressed'
      : counts.improved > 0
        ? 'improved'
        : counts.inconclusive > 0 || metrics.length === 0
          ? 'inconclusive'
          : 'unchanged';
  const side = (r: StoredRun, target?: string) => ({
    runId: r.summary.runId,
    dir: r.dir,
    verdict: r.summary.verdict,
    ...(target ? { target } : {}),
  });
  return {
    base: side(base, canary?.base),
    current: side(current, canary?.current),
    alpha: o.alpha,
    metrics,
    checks: checkChanges(base, current, canary),
    unmatched,
    summaryDeltas: summaryDeltas(base, current, canary),
    verdict,
    counts,
  };
}

type Resolved = Required<Omit<CompareOptions, 'targets'>>;

function compareSeries(b: Series, c: Series, o: Resolved, seed: number): Pending {
  const where = {
    target: c.target,
    stage: c.stage,
    metric: c.metric,
    ...(c.level ? { level: c.level } : {}),
  };
  const z = normalQuantile(1 - o.alpha / 2);
  if (b.kind === 'distribution' && c.kind === 'distribution') {
    const mw = mannWhitney(b.dist, c.dist);
    const opts = { seed, confidence: 1 - o.alpha };
    const med = bootstrapPercentileDiff(b.dist, c.dist, 50, opts);
    const p95 = bootstrapPercentileDiff(b.dist, c.dist, 95, { ...opts, seed: seed + 7919 });
    const baseMed = weightedPercentile(b.dist, 50);
    const insufficient = Math.min(b.dist.total, c.dist.total) < o.minSamples;
    return {
      ...where,
      test: 'mann-whitney',
      unit: 'ms',
      direction: 'lower',
      base: baseMed,
      current: weightedPercentile(c.dist, 50),
      delta: med.diff,
      low: med.low,
      high: med.high,
      practical: Math.max(o.latencyMs, o.latencyRelative * baseMed),
      n: [b.dist.total, c.dist.total],
      p: mw.p,
      p95: {
        base: weightedPercentile(b.dist, 95),
        current: weightedPercentile(c.dist, 95),
        low: p95.low,
        high: p95.high,
      },
      insufficient,
      ...(insufficient ? { note: `fewer than ${o.minSamples} samples` } : {}),
    };
  }
  if (b.kind === 'paired' && c.kind === 'paired') {
    let both = 0;
    let lost = 0;
    let gained = 0;
    let passBase = 0;
    let passCurrent = 0;
    for (const [id, pb] of b.outcomes) {
      const pc = c.outcomes.get(id);
      if (pc === undefined) continue;
      both++;
      if (pb) passBase++;
      if (pc) passCurrent++;
      if (pb && !pc) lost++;
      if (!pb && pc) gained++;
    }
    if (both >= o.minSamples) {
      const m = mcnemar(lost, gained);
      const d = (gained - lost) / both;
      const se = Math.sqrt(Math.max(0, lost + gained - (gained - lost) ** 2 / both)) / both;
      return {
        ...where,
        test: 'mcnemar',
        unit: 'rate',
        direction: 'higher',
        base: passBase / both,
        current: passCurrent / both,
        delta: d,
        low: d - z * se,
        high: d + z * se,
        practical: o.ratePoints,
        n: [both, both],
        p: m.midP,
        insufficient: false,
        note: `${both} cases in both runs: ${lost} newly failing, ${gained} newly passing`,
      };
    }
    // Too few shared cases to pair: compare the pass rates as two independent proportions.
    const count = (s: Map<string, boolean>) => [...s.values()].filter(Boolean).length;
    return proportion(where, count(b.outcomes), b.outcomes.size, count(c.outcomes), c.outcomes.size, o, z);
  }
  if (b.kind === 'proportion' && c.kind === 'proportion') {
    return proportion(where, b.successes, b.n, c.successes, c.n, o, z);
  }
  throw new Error(`series ${b.key} has kind ${b.kind} in base and ${c.kind} in current`);
}

function proportion(
  where: Pick<MetricComparison, 'target' | 'stage' | 'metric' | 'level'>,
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  o: Resolved,
  z: number,
): Pending {
  const t = twoProportion(x1, n1, x2, n2);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const insufficient = Math.min(n1, n2) < o.minSamples;
  return {
    ...where,
    test: 'two-proportion',
    unit: 'rate',
    direction: 'higher',
    base: p1,
    current: p2,
    delta: t.diff,
    low: t.diff - z * se,
    high: t.diff + z * se,
    practical: o.ratePoints,
    n: [n1, n2],
    p: t.p,
    insufficient,
    ...(insufficient ? { note: `fewer than ${o.minSamples} samples` } : {}),
  };
}

function checkChanges(
  base: StoredRun,
  current: StoredRun,
  canary?: { base: string; current: string },
): CheckChange[] {
  const pick = (r: StoredRun, target?: string) =>
    new Map(
      r.summary.checks
        .filter((c) => target === undefined || c.target === target)
        .map((c) => [canary ? c.id : `${c.target}\u0000${c.id}`, c]),
    );
  const b = pick(base, canary?.base);
  const c = pick(current, canary?.current);
  const out: CheckChange[] = [];
  for (const key of new Set([...b.keys(), ...c.keys()])) {
    const x = b.get(key);
    const y = c.get(key);
    if (x?.status === y?.status) continue;
    out.push({
      id: (x ?? y)?.id as string,
      target: (y ?? x)?.target as string,
      ...(x ? { base: x.status } : {}),
      ...(y ? { current: y.status } : {}),
    });
  }
  return out;
}

// The headline figure of each kind of summarized series.
const HEADLINE: Record<string, readonly string[]> = {
  trend: ['med', 'p95'],
  rate: ['rate'],
  counter: ['count'],
  gauge: ['value'],
};

function summaryDeltas(
  base: StoredRun,
  current: StoredRun,
  canary?: { base: string; current: string },
): SummaryDelta[] {
  const keyOf = (tags: Record<string, string>, name: string) => {
    const { target: _, ...rest } = tags;
    const t = canary ? rest : tags;
    return `${name}${JSON.stringify(Object.entries(t).sort())}`;
  };
  const pick = (r: StoredRun, target?: string) =>
    new Map(
      r.summary.metrics
        .filter((m) => target === undefined || m.tags.target === target)
        .map((m) => [keyOf(m.tags, m.name), m]),
    );
  const c = pick(current, canary?.current);
  const out: SummaryDelta[] = [];
  for (const [key, b] of pick(base, canary?.base)) {
    const m = c.get(key);
    if (!m) continue;
    for (const stat of HEADLINE[b.kind] ?? []) {
      const x = b.values[stat];
      const y = m.values[stat];
      if (x === undefined || y === undefined) continue;
      out.push({ name: m.name, tags: m.tags, stat, base: x, current: y, delta: y - x });
    }
  }
  return out;
}
