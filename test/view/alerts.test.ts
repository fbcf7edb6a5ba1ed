import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/run/history/types.js';
import {
  AlertRuleError,
  DEFAULT_ALERT_RULES,
  evaluateAlerts,
  loadAlertRules,
  parseAlertRule,
} from '../../src/view/alerts.js';

let clock = 0;
function run(
  id: string,
  o: { pass?: number; fail?: number; error?: number; ttft?: number; tps?: number; suite?: string },
) {
  clock++;
  return {
    id,
    suite: { file: 'gauntlet.yaml', ...(o.suite ? { name: o.suite } : {}) },
    startedAt: `2026-01-01T00:00:${String(clock).padStart(2, '0')}Z`,
    verdict: (o.fail ?? 0) > 0 ? 'fail' : 'pass',
    counts: { total: 0, pass: o.pass ?? 10, fail: o.fail ?? 0, error: o.error ?? 0, skip: 0 },
    targets: [],
    runDir: '/x',
    complete: true,
    metrics: {
      passRateByStage: {},
      ...(o.ttft !== undefined ? { ttftP95Ms: o.ttft } : {}),
      ...(o.tps !== undefined ? { outputTokensPerS: o.tps } : {}),
    },
    indexedAt: '',
    indexedBy: 'run',
  } satisfies HistoryEntry;
}

describe('parseAlertRule', () => {
  it('reads absolute rules, changes in points and relative changes', () => {
    expect(parseAlertRule('failure_rate > 10%')).toMatchObject({
      metric: 'failure_rate',
      op: '>',
      limit: 0.1,
      relative: false,
    });
    expect(parseAlertRule('pass_rate drop > 5%')).toMatchObject({
      metric: 'pass_rate',
      change: 'drop',
      limit: 0.05,
      relative: false,
    });
    expect(parseAlertRule('ttft_p95 rise > 20%')).toMatchObject({
      change: 'rise',
      limit: 0.2,
      relative: true,
    });
    expect(parseAlertRule('ttft_p95 > 1.5s')).toMatchObject({ limit: 1500, relative: false });
    expect(parseAlertRule('  tokens_per_s  DROP >=  10% ')).toMatchObject({
      change: 'drop',
      op: '>=',
      limit: 0.1,
    });
    expect(parseAlertRule('error_rate > 0.01').limit).toBe(0.01);
  });

  it.each([
    ['', /is empty/],
    ['latency > 5', /unknown metric "latency"/],
    ['failure_rate above 10%', /expected an operator/],
    ['failure_rate > 10ms', /is a rate/],
    ['failure_rate > 12', /12 is not a rate: .*12%/],
    ['ttft_p95 > 20%', /needs drop or rise/],
    ['tokens_per_s > 5ms', /not a duration/],
  ])('refuses %j, naming the rule and showing an example', (text, why) => {
    let err: unknown;
    try {
      parseAlertRule(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AlertRuleError);
    const msg = (err as Error).message;
    expect(msg).toMatch(why);
    expect(msg).toContain(JSON.stringify(text.trim()));
    expect(msg).toContain('e.g. "failure_rate > 10%"');
  });
});

describe('loadAlertRules', () => {
  it('uses the requirement documents rules by default', () => {
    expect(loadAlertRules({}).map((r) => r.text)).toEqual([...DEFAULT_ALERT_RULES]);
  });

  it('takes --alert rules and a YAML list, and replaces the defaults', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-alerts-'));
    const file = path.join(dir, 'alerts.yaml');
    writeFileSync(file, '- ttft_p95 rise > 20%\n- tokens_per_s drop > 10%\n');
    expect(loadAlertRules({ rules: ['error_rate > 1%'], file }).map((r) => r.text)).toEqual([
      'error_rate > 1%',
      'ttft_p95 rise > 20%',
      'tokens_per_s drop > 10%',
    ]);
    writeFileSync(file, 'alerts: [failure_rate > 20%]\n');
    expect(loadAlertRules({ file }).map((r) => r.limit)).toEqual([0.2]);
    writeFileSync(file, 'rule: 3\n');
    expect(() => loadAlertRules({ file })).toThrow(/must be a YAML list of alert rules/);
    writeFileSync(file, '- pass_rate drop > x\n');
    expect(() => loadAlertRules({ file })).toThrow(/"pass_rate drop > x"/);
  });
});

describe('evaluateAlerts', () => {
  const rules = loadAlertRules({});

  it('fires failure_rate on the run above 10% and pass_rate drop against the previous run of the suite', () => {
    const runs = [
      run('a', { pass: 100 }),
      run('other', { pass: 50, suite: 'other' }),
      run('b', { pass: 96, fail: 4 }), // 4% failed, a 4-point drop: nothing
      run('c', { pass: 80, fail: 20 }), // 20% failed, 16 points below b
      run('d', { pass: 89, fail: 11 }), // 11% failed, 9 points up
    ];
    const fired = evaluateAlerts(rules, runs);
    expect(fired.map((a) => [a.runId, a.rule, a.value, a.limit, a.unit])).toEqual([
      ['d', 'failure_rate > 10%', 11, 10, '%'],
      ['c', 'failure_rate > 10%', 20, 10, '%'],
      ['c', 'pass_rate drop > 5%', 16, 5, 'pts'],
    ]);
    expect(fired[2]?.previousRunId).toBe('b');
    expect(fired[2]?.message).toBe('pass_rate dropped 16 pts (limit > 5 pts)');
  });

  it('compares relative changes, and skips runs without the number or without a previous run', () => {
    const rise = loadAlertRules({
      rules: ['ttft_p95 rise > 20%', 'tokens_per_s drop > 10%', 'error_rate > 1%'],
    });
    const runs = [
      run('a', { ttft: 100, tps: 50 }),
      run('b', { ttft: 119 }),
      run('c', { ttft: 150, tps: 40 }),
    ];
    const fired = evaluateAlerts(rise, runs);
    expect(fired.map((a) => [a.runId, a.rule, a.value])).toEqual([['c', 'ttft_p95 rise > 20%', 26.1]]);
    expect(evaluateAlerts(rise, [run('z', { ttft: 1000 })])).toEqual([]);
  });

  it('never fires on a run with no judged checks', () => {
    expect(evaluateAlerts(rules, [run('a', { pass: 0 }), run('b', { pass: 0 })])).toEqual([]);
  });
});
