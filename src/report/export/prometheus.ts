/**
 * A run summary as Prometheus text exposition format 0.0.4, for dashboards (push it to a Pushgateway or
 * serve it to a textfile collector). Names are sanitised to `[a-zA-Z_:][a-zA-Z0-9_:]*` with a `gauntlet_`
 * prefix; each family is written once, HELP and TYPE first, its samples together. Trends become summaries
 * (quantiles 0.5/0.9/0.95/0.99, _count, _sum), rates and gauges gauges, counters counters (`_total`).
 */
import type { MetricSummary, RunSummary } from '../../run/summary.js';

type Labels = Record<string, string>;
type Family = { name: string; help: string; type: 'gauge' | 'counter' | 'summary'; lines: string[] };

/** A metric name that Prometheus accepts, prefixed `gauntlet_`. */
export function metricName(raw: string): string {
  const body = raw.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_+/g, '_');
  return `gauntlet_${body.replace(/^_+/, '')}`;
}

/** A label name that Prometheus accepts (`[a-zA-Z_][a-zA-Z0-9_]*`, `__` reserved). */
export function labelName(raw: string): string {
  let n = raw.replace(/[^a-zA-Z0-9_]/g, '_');
  if (/^[0-9]/.test(n)) n = `_${n}`;
  if (n.startsWith('__')) n = `tag${n}`;
  return n || 'tag';
}

/** Escapes a label value: backslash, double quote and line feed. */
export const escapeLabelValue = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
/** Escapes HELP text: backslash and line feed. */
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** A sample value as the format spells it (Go float syntax, NaN, +Inf, -Inf). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

/** Tags as labels, with names sanitised; reserved names (`quantile`, `le`) and clashes get a `tag_` prefix. */
function tagLabels(tags: Record<string, string>, base: Labels, reserved: readonly string[]): Labels {
  const out: Labels = { ...base };
  for (const [k, v] of Object.entries(tags)) {
    let n = labelName(k);
    while (n in out || reserved.includes(n)) n = `tag_${n}`;
    out[n] = String(v);
  }
  return out;
}

const QUANTILES = [
  ['0.5', 'med'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;

/** Renders the summary as exposition text (ends with a line feed). */
export function toPrometheus(summary: RunSummary): string {
  const families = new Map<string, Family>();
  const family = (name: string, type: Family['type'], help: string) => {
    // A metric whose name clashes with a family of another type (e.g. one named `run_checks`) gets its own.
    let key = name;
    while (families.has(key) && families.get(key)?.type !== type) key = `${key}_${type}`;
    let f = families.get(key);
    if (!f) {
      f = { name: key, help, type, lines: [] };
      families.set(key, f);
    }
    return f;
  };
  const sample = (f: Family, name: string, labels: Labels, v: number) =>
    f.lines.push(`${name}${labelText(labels)} ${formatValue(v)}`);
  const base: Labels = { run_id: summary.runId, suite: summary.suite.name ?? summary.suite.file };

  const verdict = family(
    'gauntlet_run_verdict',
    'gauge',
    'The run verdict: 1 for the verdict reached, 0 for the others.',
  );
  for (const v of ['pass', 'fail', 'error'] as const)
    sample(verdict, verdict.name, { ...base, verdict: v }, summary.verdict === v ? 1 : 0);
  const simple: [string, string, number][] = [
    ['gauntlet_run_exit_code', 'The exit code of the run.', summary.exitCode],
    [
      'gauntlet_run_complete',
      '1 when the run completed, 0 when interrupted or crashed.',
      summary.complete ? 1 : 0,
    ],
    ['gauntlet_run_duration_seconds', 'Wall time of the run.', summary.durationMs / 1000],
    [
      'gauntlet_run_end_timestamp_seconds',
      'When the run ended (Unix time).',
      Date.parse(summary.endedAt) / 1000,
    ],
  ];
  for (const [name, help, v] of simple) sample(family(name, 'gauge', help), name, base, v);
  const checks = family('gauntlet_run_checks', 'gauge', 'Checks of the run by status.');
  for (const status of ['total', 'pass', 'fail', 'error', 'skip'] as const)
    sample(checks, checks.name, { ...base, status }, summary.counts[status]);
  const info = family(
    'gauntlet_run_info',
    'gauge',
    'The suite hash, commit and Gauntlet version of the run.',
  );
  sample(
    info,
    info.name,
    {
      ...base,
      suite_hash: summary.suite.hash,
      git_commit: summary.environment?.gitCommit ?? '',
      version: summary.environment?.gauntletVersion ?? '',
    },
    1,
  );

  const kinds = new Map<string, Set<string>>();
  for (const m of summary.metrics) kinds.set(m.name, (kinds.get(m.name) ?? new Set()).add(m.kind));
  for (const m of summary.metrics) {
    // One name measured as two kinds would make one family of two types: the kind disambiguates.
    const raw = (kinds.get(m.name)?.size ?? 1) > 1 ? `${m.name}_${m.kind}` : m.name;
    addMetric(m, metricName(raw), base, family, sample);
  }

  const taken = new Set<string>();
  const out: string[] = [];
  for (const f of families.values()) {
    if (f.lines.length === 0 || taken.has(f.name)) continue;
    taken.add(f.name);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    // The same label set twice in one family is invalid; the first (sanitised names may clash) wins.
    const seen = new Set<string>();
    for (const line of f.lines) {
      const series = line.slice(0, line.lastIndexOf(' '));
      if (seen.has(series)) continue;
      seen.add(series);
      out.push(line);
    }
  }
  return `${out.join('\n')}\n`;
}

function addMetric(
  m: MetricSummary,
  name: string,
  base: Labels,
  family: (name: string, type: Family['type'], help: string) => Family,
  sample: (f: Family, name: string, labels: Labels, v: number) => void,
): void {
  const help = `Gauntlet metric ${m.name} (${m.kind}).`;
  const v = m.values;
  switch (m.kind) {
    case 'trend': {
      const labels = tagLabels(m.tags, base, ['quantile']);
      const f = family(name, 'summary', help);
      for (const [q, key] of QUANTILES) {
        const value = v[key];
        if (value !== undefined) sample(f, f.name, { ...labels, quantile: q }, value);
      }
      if (v.avg !== undefined && Number.isFinite(v.avg)) sample(f, `${f.name}_sum`, labels, v.avg * m.count);
      sample(f, `${f.name}_count`, labels, m.count);
      return;
    }
    case 'rate': {
      const f = family(name, 'gauge', `${help} Share of true values.`);
      sample(f, f.name, tagLabels(m.tags, base, []), v.rate ?? Number.NaN);
      return;
    }
    case 'counter': {
      const f = family(name.endsWith('_total') ? name : `${name}_total`, 'counter', help);
      sample(f, f.name, tagLabels(m.tags, base, []), v.count ?? v.sum ?? 0);
      return;
    }
    case 'gauge': {
      const f = family(name, 'gauge', help);
      sample(f, f.name, tagLabels(m.tags, base, []), v.value ?? Number.NaN);
      return;
    }
  }
}
