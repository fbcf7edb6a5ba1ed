import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/data/profile');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-cli-profile-'));
  writeFileSync(path.join(dir, 'corrupt.parquet'), 'these are not parquet bytes at all');
});

const profile = (...args: string[]) => runCli(['data', 'profile', ...args], { cwd: fixtures });

describe('gauntlet data profile', () => {
  it('prints one row per column and writes the whole profile as JSON', async () => {
    const out = path.join(dir, 'profile.json');
    const r = await profile('profile.csv', '--json', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/profile\.csv: 240 rows, 11 columns/);
    expect(r.stdout).toMatch(/price\s+DOUBLE\s+8\.8%\s+206\s+min -33\.86 {2}mean 92\.0609 {2}max 228\.96/);
    expect(r.stdout).toMatch(/city\s+VARCHAR\s+4\.2%\s+12\s+top "Berlin" 45 \(19\.6%\)/);
    expect(r.stdout).toMatch(/day\s+DATE\s+5%\s+\d+\s+2024-01-01 … 2024-12-27/);
    expect(r.stdout).toMatch(/missing\s+VARCHAR\s+100%\s+0\s+all null/);
    expect(r.stdout).toContain('! NaN or infinity: score');
    expect(r.stdout).not.toMatch(/(min|mean|max|sd) (NaN|-?Infinity)/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const reference = JSON.parse(readFileSync(path.join(fixtures, 'reference.json'), 'utf8'));
    expect(json.columns.find((c: { name: string }) => c.name === 'qty').numeric.histogram.counts).toEqual(
      reference.columns.qty.numeric.histogram.counts,
    );
  });

  it('profiles the listed columns with --bins and --top', async () => {
    const out = path.join(dir, 'some.json');
    const r = await profile(
      'profile.csv',
      '--columns',
      'qty,city',
      '--bins',
      '5',
      '--top',
      '3',
      '--json',
      out,
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.columns.map((c: { name: string }) => c.name)).toEqual(['qty', 'city']);
    expect(json.columns[0].numeric.histogram.counts).toHaveLength(5);
    expect(json.columns[1].top).toHaveLength(3);
  });

  it('exits 2 on bad flags, a missing file, a corrupt Parquet file or a missing column, naming it', async () => {
    expect((await profile('profile.csv', '--bins', '0')).stderr).toContain(
      '--bins must be a whole number of at least 1',
    );
    const missing = await profile('nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv: no such file');
    const corrupt = await runCli(['data', 'profile', 'corrupt.parquet'], { cwd: dir });
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain('corrupt.parquet');
    const column = await profile('profile.csv', '--columns', 'price,nope');
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(/column "nope" is not in profile\.csv; its columns: id, price/);
  });
});
