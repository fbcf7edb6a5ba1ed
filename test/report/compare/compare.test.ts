import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/report/compare/compare.js';
import { renderConsole, renderMarkdown } from '../../../src/report/compare/render.js';
import { loadRun, RunNotFoundError, resolveRun } from '../../../src/report/compare/runs.js';
import { runsDir, writeRun } from './stored-runs.js';

const verdictOf = (c: ReturnType<typeof compareRuns>, metric: string) =>
  c.metrics.find((m) => m.metric === metric)?.verdict;

describe('compareRuns on stored runs', () => {
  it('marks TTFT regressed when 40 ms were added, with the median shift inside its interval', () => {
    const root = runsDir();
    const base = loadRun(writeRun(root, 'a', 1, [{ name: 'default', ttftMs: 20 }]));
    const current = loadRun(writeRun(root, 'b', 2, [{ name: 'default', ttftMs: 60 }]));
    const c = compareRuns(base, current);
    const ttft = c.metrics.find((m) => m.metric === 'ttft');
    expect(ttft?.verdict).toBe('regressed');
    expect(ttft?.low).toBeLessThan(40.5);
    expect(ttft?.high).toBeGreaterThan(39.5);
    expect(ttft?.adjustedP).toBeLessThan(1e-10);
    expect(verdictOf(c, 'e2e')).toBe('regressed');
    expect(verdictOf(c, 'pass_rate')).toBe('unchanged');
    expect(c.verdict).toBe('regressed');
    expect(c.checks).toEqual([{ id: 'load.c4.ttft', target: 'default', base: 'pass', current: 'fail' }]);
    expect(renderConsole(c, false)).toMatch(/load c4 ttft .*regressed/);
    expect(renderMarkdown(c)).toContain('🔴 regressed');
  });

  it('judges 20 pairs of same-configuration runs unchanged in at least 19', () => {
    const root = runsDir();
    let unchanged = 0;
    let falseAlarms = 0;
    for (let k = 0; k < 20; k++) {
      // 2000 requests: with 400, a 99% interval on a 99% success rate is wider than the 2-point band, and
      // the rate would rightly be inconclusive rather than unchanged.
      const spec = [{ name: 'default', ttftMs: 20, okRate: 0.99, requests: 2000 }];
      const c = compareRuns(
        loadRun(writeRun(root, `s${k}a`, 1000 + 2 * k, spec)),
        loadRun(writeRun(root, `s${k}b`, 1001 + 2 * k, spec)),
        { seed: k },
      );
      if (c.verdict === 'unchanged') unchanged++;
      else console.log(c.metrics.map((m) => `${m.metric} ${m.verdict}`).join(', '));
      if (c.counts.regressed + c.counts.improved > 0) falseAlarms++;
    }
    expect(unchanged).toBeGreaterThanOrEqual(19);
    expect(falseAlarms).toBeLessThanOrEqual(1);
  });

  it('calls a drop of the pass rate on the same cases a regression (McNemar)', () => {
    const root = runsDir();
    const c = compareRuns(
      loadRun(writeRun(root, 'a', 1, [{ name: 'default', ttftMs: 20, passRate: 0.95 }])),
      loadRun(writeRun(root, 'b', 2, [{ name: 'default', ttftMs: 20, passRate: 0.7 }])),
    );
    const pass = c.metrics.find((m) => m.metric === 'pass_rate');
    expect(pass?.test).toBe('mcnemar');
    expect(pass?.verdict).toBe('regressed');
    expect(verdictOf(c, 'ttft')).toBe('unchanged');
  });

  it('compares two targets of one run (canary) with the same verdicts', () => {
    const root = runsDir();
    const slow = loadRun(
      writeRun(root, 'canary-slow', 5, [
        { name: 'stable', ttftMs: 20 },
        { name: 'canary', ttftMs: 60 },
      ]),
    );
    const c = compareRuns(slow, slow, { targets: { base: 'stable', current: 'canary' } });
    expect(verdictOf(c, 'ttft')).toBe('regressed');
    expect(c.checks).toEqual([{ id: 'load.c4.ttft', target: 'canary', base: 'pass', current: 'fail' }]);
    const same = loadRun(
      writeRun(root, 'canary-same', 6, [
        { name: 'stable', ttftMs: 20 },
        { name: 'canary', ttftMs: 20 },
      ]),
    );
    const d = compareRuns(same, same, { targets: { base: 'stable', current: 'canary' } });
    expect(d.verdict).toBe('unchanged');
    expect(renderConsole(d, false)).toContain('canary (canary-same) against stable (canary-same)');
  });

  it('is inconclusive with too few samples', () => {
    const root = runsDir();
    const c = compareRuns(
      loadRun(writeRun(root, 'a', 1, [{ name: 'default', ttftMs: 20, requests: 10 }])),
      loadRun(writeRun(root, 'b', 2, [{ name: 'default', ttftMs: 60, requests: 10 }])),
    );
    expect(verdictOf(c, 'ttft')).toBe('inconclusive');
    expect(c.metrics.find((m) => m.metric === 'ttft')?.note).toMatch(/fewer than 20 samples/);
  });
});

describe('resolveRun', () => {
  it('finds runs by id, prefix, path, latest and last-passing; says where it looked when it cannot', () => {
    const root = runsDir();
    writeRun(root, '20260101-000001-aaa', 1, [{ name: 'default', ttftMs: 20 }], 'pass');
    const failed = writeRun(root, '20260101-000002-bbb', 2, [{ name: 'default', ttftMs: 20 }], 'fail');
    expect(resolveRun('20260101-000002', root)).toBe(failed);
    expect(resolveRun(failed, root)).toBe(failed);
    expect(resolveRun('last-passing', root)).toMatch(/aaa$/);
    expect(() => resolveRun('last-passing', root, { exclude: '20260101-000001-aaa' })).toThrow(
      /no passed run/,
    );
    expect(() => resolveRun('nope', root)).toThrow(RunNotFoundError);
    expect(() => resolveRun('nope', root)).toThrow(root);
    expect(() => resolveRun('latest', root)).toThrow(/no run is marked latest/);
  });
});
