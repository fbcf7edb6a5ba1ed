/** Prometheus and JSON-lines exports of a summary: valid per the exposition spec, nothing lost or garbled. */
import { describe, expect, it } from 'vitest';
import { labelName, metricName, toJsonLines, toPrometheus } from '../../../src/report/export/index.js';
import type { RunSummary } from '../../../src/run/summary.js';
import { HOSTILE, makeSummary } from '../fixture.js';
import { parsePrometheus } from './prom-parser.js';

function summaryWithMetrics(): RunSummary {
  const s = makeSummary();
  s.metrics = [
    {
      name: 'load.ttft',
      kind: 'trend',
      tags: { stage: 'load', target: 'canary', quantile: 'x', 'weird-key': HOSTILE },
      count: 100,
      values: { avg: 120, min: 10, max: 900, med: 100, p90: 300, p95: 450.5, p99: 880, p999: 899 },
    },
    {
      name: 'checks',
      kind: 'rate',
      tags: { stage: 'smoke', target: 'canary', check: 'smoke.basic' },
      count: 4,
      values: { rate: 0.75, passes: 3 },
    },
    {
      name: 'checks',
      kind: 'rate',
      tags: { stage: 'smoke', target: 'prod', check: 'smoke.basic' },
      count: 4,
      values: { rate: 1, passes: 4 },
    },
    { name: 'errors.timeout', kind: 'counter', tags: { stage: 'load' }, count: 3, values: { count: 3 } },
    {
      name: 'output_tokens_per_s',
      kind: 'gauge',
      tags: { stage: 'load', '9lives': 'a\\b"c\nd' },
      count: 2,
      values: { value: 512.25, min: 500, max: 530 },
    },
    { name: 'run_checks', kind: 'trend', tags: {}, count: 0, values: { avg: Number.NaN } },
  ];
  return s;
}

describe('prometheus export', () => {
  it('parses with a strict 0.0.4 parser, with HELP and TYPE for every family', () => {
    const text = toPrometheus(summaryWithMetrics());
    const families = parsePrometheus(text);
    for (const f of families) {
      expect(f.name).toMatch(/^gauntlet_[a-zA-Z0-9_:]*$/);
      expect(f.help, f.name).toBeTruthy();
      expect(f.type, f.name).not.toBe('untyped');
    }
    const byName = new Map(families.map((f) => [f.name, f]));
    const verdict = byName.get('gauntlet_run_verdict');
    expect(verdict?.samples.find((s) => s.value === 1)?.labels.verdict).toBe(makeSummary().verdict);
    const checks = byName.get('gauntlet_run_checks');
    expect(checks?.samples.find((s) => s.labels.status === 'fail')?.value).toBe(makeSummary().counts.fail);
  });

  it('writes trends as summaries with quantiles, _sum and _count, and keeps tags as escaped labels', () => {
    const families = parsePrometheus(toPrometheus(summaryWithMetrics()));
    const ttft = families.find((f) => f.name === 'gauntlet_load_ttft');
    expect(ttft?.type).toBe('summary');
    const q = Object.fromEntries(
      ttft?.samples.filter((s) => s.labels.quantile).map((s) => [s.labels.quantile, s.value]) ?? [],
    );
    expect(q).toEqual({ '0.5': 100, '0.9': 300, '0.95': 450.5, '0.99': 880 });
    expect(ttft?.samples.find((s) => s.name === 'gauntlet_load_ttft_count')?.value).toBe(100);
    expect(ttft?.samples.find((s) => s.name === 'gauntlet_load_ttft_sum')?.value).toBe(12_000);
    const labels = ttft?.samples[0]?.labels ?? {};
    // The tag named quantile cannot shadow the summary's own label; the hostile value round-trips.
    expect(labels.tag_quantile).toBe('x');
    expect(labels.weird_key).toBe(HOSTILE);
    const gauge = families.find((f) => f.name === 'gauntlet_output_tokens_per_s');
    expect(gauge?.samples[0]?.labels._9lives).toBe('a\\b"c\nd');
    expect(gauge?.samples[0]?.value).toBe(512.25);
  });

  it('groups series of one metric into one family and gives counters _total', () => {
    const families = parsePrometheus(toPrometheus(summaryWithMetrics()));
    const checks = families.find((f) => f.name === 'gauntlet_checks');
    expect(checks?.type).toBe('gauge');
    expect(checks?.samples.map((s) => s.labels.target).sort()).toEqual(['canary', 'prod']);
    const timeouts = families.find((f) => f.name === 'gauntlet_errors_timeout_total');
    expect(timeouts).toMatchObject({ type: 'counter', samples: [{ value: 3 }] });
    // A metric clashing with a run-level family of another type gets its own family, not a mixed one.
    expect(families.find((f) => f.name === 'gauntlet_run_checks')?.type).toBe('gauge');
    expect(families.find((f) => f.name === 'gauntlet_run_checks_summary')?.type).toBe('summary');
  });

  it('sanitises names', () => {
    expect(metricName('load.ttft-ms p(95)')).toBe('gauntlet_load_ttft_ms_p_95_');
    expect(labelName('__name__')).toBe('tag__name__');
    expect(labelName('1x')).toBe('_1x');
  });

  it('the parser rejects what the spec forbids (so the tests above can fail)', () => {
    expect(() => parsePrometheus('a{b="c} 1\n')).toThrow();
    expect(() => parsePrometheus('a{b="\\x"} 1\n')).toThrow(/escape/);
    expect(() => parsePrometheus('# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="1"} 2\n')).toThrow(/split/);
    expect(() => parsePrometheus('a 1\n# TYPE a gauge\n')).toThrow(/after/);
    expect(() => parsePrometheus('# TYPE a summary\na 1\n')).toThrow(/quantile/);
    expect(() => parsePrometheus('a 1\na 2\n')).toThrow(/repeated/);
    expect(() => parsePrometheus('a one\n')).toThrow(/value/);
    expect(() => parsePrometheus('a 1')).toThrow(/line feed/);
  });
});

describe('jsonl export', () => {
  it('writes a run line, one line per metric series and one per check', () => {
    const s = summaryWithMetrics();
    const lines = toJsonLines(s)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'run', runId: s.runId, verdict: s.verdict });
    const metrics = lines.filter((l) => l.type === 'metric');
    expect(metrics).toHaveLength(s.metrics.length);
    expect(metrics[0]).toMatchObject({ name: 'load.ttft', runId: s.runId, values: { p95: 450.5 } });
    // NaN has no JSON spelling: it becomes null, never 0.
    expect(metrics.at(-1).values.avg).toBeNull();
    const checks = lines.filter((l) => l.type === 'check');
    expect(checks).toHaveLength(s.checks.length);
    expect(checks.map((c) => c.id)).toEqual(s.checks.map((c) => c.id));
    expect(checks.some((c) => c.message.includes('<script>'))).toBe(
      s.checks.some((c) => c.message.includes('<script>')),
    );
  });
});
