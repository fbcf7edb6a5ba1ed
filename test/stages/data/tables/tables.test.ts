import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.js';

let dir: string;

/**
 * Reference and current sets of 200 rows (deterministic): num_drift shifts by 5, cat_drift moves most
 * rows to 'a', stable is the same in both, constant is 1 everywhere. A 2000-row pair (big_*, shifted by
 * 50) takes Evidently's large-reference methods. ref is Parquet, cur is CSV.
 */
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-tables-'));
  const q = (f: string) => `'${path.join(dir, f)}'`;
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const ref = `SELECT i / 10.0 AS num_drift, ['a','b','c'][i % 3 + 1] AS cat_drift, (i * 7) % 100 AS stable, 1 AS constant FROM range(200) t(i)`;
  const cur = `SELECT i / 10.0 + 5 AS num_drift, CASE WHEN i % 10 < 8 THEN 'a' WHEN i % 10 = 8 THEN 'b' ELSE 'c' END AS cat_drift, (i * 7) % 100 AS stable, 1 AS constant FROM range(200) t(i)`;
  await c.run(`COPY (${ref}) TO ${q('ref.parquet')} (FORMAT parquet)`);
  await c.run(`COPY (${cur}) TO ${q('cur.csv')} (HEADER)`);
  await c.run(
    `COPY (${ref.replace('range(200)', 'range(2000)')}) TO ${q('big_ref.parquet')} (FORMAT parquet)`,
  );
  await c.run(
    `COPY (${cur.replace('range(200)', 'range(2000)').replace('+ 5', '+ 50')}) TO ${q('big_cur.parquet')} (FORMAT parquet)`,
  );
  // Predictions: group A is selected at 0.5, group B at 0.2 (disparate impact 0.4); even.csv selects both at 0.5.
  const preds = (rateB: number) =>
    `SELECT CASE WHEN i < 100 THEN 'A' ELSE 'B' END AS grp, (i % 2) AS label,
       CASE WHEN i < 100 THEN (i % 2) ELSE (CASE WHEN (i % 10) < ${rateB} THEN 1 ELSE 0 END) END AS pred,
       CASE WHEN i % 2 = 1 THEN 0.8 ELSE 0.3 END AS score FROM range(200) t(i)`;
  await c.run(`COPY (${preds(2)}) TO ${q('skewed.csv')} (HEADER)`);
  await c.run(`COPY (${preds(5)}) TO ${q('even.csv')} (HEADER)`);
  c.closeSync();
  instance.closeSync();
  writeFileSync(path.join(dir, 'corrupt.parquet'), 'these are not parquet bytes at all');
});

const drift = (...args: string[]) => runCli(['drift', ...args], { cwd: dir });
const fairness = (...args: string[]) => runCli(['fairness', ...args], { cwd: dir });

describe('gauntlet drift', () => {
  it('chooses methods by type and size, finds the drifted columns and the dataset drift', async () => {
    const r = await drift('ref.parquet', 'cur.csv', '--json', 'out.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const report = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
    const by = Object.fromEntries(report.columns.map((c: { column: string }) => [c.column, c]));
    expect(by.num_drift).toMatchObject({ kind: 'numerical', method: 'ks', drift: true });
    expect(by.cat_drift).toMatchObject({ kind: 'categorical', method: 'chisquare', drift: true });
    expect(by.stable).toMatchObject({ kind: 'numerical', method: 'ks', drift: false, pValue: 1 });
    expect(by.constant).toMatchObject({
      kind: 'categorical',
      method: 'z',
      drift: false,
      pValue: 1,
      statistic: 0,
    });
    expect(report).toMatchObject({ tested: 4, drifted: 2, driftShare: 0.5, datasetDrift: true });
    expect(r.stdout).toContain('DRIFT');
  });

  it('passes under a higher share, on listed columns, and after a correction', async () => {
    expect((await drift('ref.parquet', 'cur.csv', '--share', '0.6')).code).toBe(0);
    const listed = await drift('ref.parquet', 'cur.csv', '--columns', 'stable,constant');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('0 of 2 columns drifted');
    const bh = await drift('ref.parquet', 'cur.csv', '--correction', 'bonferroni');
    expect(bh.code).toBe(1);
    expect(bh.stdout).toContain('corrected: bonferroni');
  });

  it('takes Wasserstein and Jensen-Shannon for a reference over 1000 rows', async () => {
    const r = await drift('big_ref.parquet', 'big_cur.parquet', '--json', 'big.json');
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(dir, 'big.json'), 'utf8'));
    const methods = Object.fromEntries(
      report.columns.map((c: { column: string; method: string; drift: boolean }) => [
        c.column,
        [c.method, c.drift],
      ]),
    );
    expect(methods).toEqual({
      num_drift: ['wasserstein', true],
      cat_drift: ['jensenshannon', true],
      stable: ['wasserstein', false],
      constant: ['jensenshannon', false],
    });
  });

  it('names a missing file, a corrupt Parquet and an unknown column (exit 2)', async () => {
    const missing = await drift('nope.parquet', 'cur.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.parquet');
    const corrupt = await drift('corrupt.parquet', 'cur.csv');
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain('corrupt.parquet');
    const column = await drift('ref.parquet', 'cur.csv', '--columns', 'stable,ghost');
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(/"ghost".*ref\.parquet.*num_drift, cat_drift, stable, constant/);
    expect((await drift('ref.parquet', 'cur.csv', '--correction', 'holm')).code).toBe(2);
  });

  it('takes --method, --column-method, --threshold and --bins, and a profile saved by --save-profile as REF', async () => {
    const saved = await drift('ref.parquet', 'cur.csv', '--save-profile', 'ref.profile.json', '--bins', '5');
    expect(saved.stderr).toBe('');
    expect(saved.stdout).toContain('written to ref.profile.json');
    const r = await drift(
      'ref.profile.json',
      'cur.csv',
      '--method',
      'psi',
      '--column-method',
      'constant=z,stable=linf',
      '--column-method',
      'cat_drift=chisquare',
      '--threshold',
      'psi=0.3',
      '--threshold',
      'linf=0.5',
      '--json',
      'profiled.json',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const report = JSON.parse(readFileSync(path.join(dir, 'profiled.json'), 'utf8'));
    expect(report).toMatchObject({ referenceKind: 'profile', reference: 'ref.parquet' });
    const by = Object.fromEntries(report.columns.map((c: { column: string }) => [c.column, c]));
    expect(by.num_drift).toMatchObject({ method: 'psi', threshold: 0.3, bins: 5, drift: true });
    expect(by.stable).toMatchObject({ method: 'linf', threshold: 0.5, drift: false });
    expect(by.cat_drift).toMatchObject({ method: 'chisquare', drift: true });
    expect(by.constant).toMatchObject({ method: 'z', pValue: 1 });
  });

  it('says what is wrong with a drift flag and what is allowed (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--method', 'tvd'], /--method: "tvd" is not a drift method; use one of ks, chisquare/],
      [['--column-method', 'num_drift'], /--column-method takes COLUMN=METHOD/],
      [['--threshold', 'ks=2'], /--threshold ks=2: ks takes a p-value in \(0, 1\]/],
      [['--bins', '0'], /--bins must be a whole number from 2 to 1000/],
      [['--column-method', 'cat_drift=ks'], /"cat_drift" is VARCHAR, not numbers: ks compares numbers/],
      [['--method', 'chisquare'], /"num_drift" is continuous.*--bins N/],
    ];
    for (const [flags, message] of cases) {
      const r = await drift('ref.parquet', 'cur.csv', ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('gauntlet fairness', () => {
  it('fails a planted disparity and names disparate impact', async () => {
    const r = await fairness(
      'skewed.csv',
      '--y-true',
      'label',
      '--y-pred',
      'pred',
      '--y-score',
      'score',
      '--group',
      'grp',
      '--privileged',
      'A',
      '--max-dp-difference',
      '1',
      '--json',
      'fair.json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/disparate impact 0\.4000 < 0\.8/);
    expect(r.stdout).not.toMatch(/NaN/);
    const report = JSON.parse(readFileSync(path.join(dir, 'fair.json'), 'utf8'));
    expect(
      report.groups.map((g: { group: string; selectionRate: number }) => [g.group, g.selectionRate]),
    ).toEqual([
      ['A', 0.5],
      ['B', 0.2],
    ]);
    expect(report.demographicParityDifference).toBeCloseTo(0.3, 12);
    expect(report.disparateImpact).toBeCloseTo(0.4, 12);
    expect(report.overall.rocAuc).toBe(1);
    expect(typeof report.averageOddsDifference).toBe('number');
    expect(report.violations.map((v: { metric: string }) => v.metric)).toEqual(['disparate impact']);
  });

  it('fails a demographic parity difference over its limit, naming it', async () => {
    const r = await fairness(
      'skewed.csv',
      '--y-true',
      'label',
      '--y-pred',
      'pred',
      '--group',
      'grp',
      '--max-dp-difference',
      '0.1',
      '--min-disparate-impact',
      '0',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/demographic parity difference 0\.3000 > 0\.1/);
  });

  it('passes an even set', async () => {
    const r = await fairness('even.csv', '--y-true', 'label', '--y-pred', 'pred', '--group', 'grp');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS');
  });

  it('names a missing column and lists the columns (exit 2)', async () => {
    const r = await fairness('even.csv', '--y-true', 'label', '--y-pred', 'prediction', '--group', 'grp');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"prediction" is not in even\.csv; its columns: grp, label, pred, score/);
  });
});
