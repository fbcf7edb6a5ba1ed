/**
 * Reference profiles: what saveReferenceProfile keeps, that it survives JSON, and that detectDrift
 * against a profile gives the same answers as against the reference table for every method a profile
 * supports, while the methods that need the rows are refused with what to use instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DriftOptions,
  detectDrift,
  looksLikeProfile,
  PROFILE_METHODS,
  parseReferenceProfile,
  type ReferenceProfile,
  readReferenceProfile,
  saveReferenceProfile,
} from '../../../../src/stages/data/drift/index.js';
import type { Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { openTables, tempDir, writeCsv, writeTables } from './helpers.js';

let dir: string;
let db: TableDb;
let ref: Table;
let cur: Table;
let textCur: Table;
let profile: ReferenceProfile;

beforeAll(async () => {
  dir = tempDir();
  await writeTables(dir);
  writeCsv(dir, 'text.csv', { num: ['low', 'high', 'low'] });
  const opened = await openTables(dir, 'ref.parquet', 'cur.parquet', 'text.csv');
  db = opened.db;
  [ref, cur, textCur] = opened.tables as [Table, Table, Table];
  profile = await saveReferenceProfile(ref);
});
afterAll(() => db?.close());

const comparable = (r: Awaited<ReturnType<typeof detectDrift>>) =>
  r.columns.map(({ column, kind, method, statistic, pValue, threshold, drift, skipped, bins }) => ({
    column,
    kind,
    method,
    statistic,
    pValue,
    threshold,
    drift,
    skipped,
    bins,
  }));

describe('saveReferenceProfile', () => {
  it('keeps counts, categories, quantile bins and summaries per column', () => {
    const by = Object.fromEntries(profile.columns.map((c) => [c.name, c]));
    expect(profile).toMatchObject({ format: 'gauntlet.drift-profile', version: 1, rows: 300, bins: 10 });
    expect(profile.supports).toEqual({
      profile: ['psi', 'kl', 'jensenshannon', 'chisquare', 'z', 'linf'],
      needRows: ['ks', 'wasserstein', 'anderson'],
    });
    expect(by.num).toMatchObject({ kind: 'numerical', numeric: true, count: 300, distinct: 101 });
    expect(by.num?.bins?.inner).toHaveLength(9);
    expect(by.num?.bins?.counts.reduce((a, b) => a + b)).toBe(300);
    expect(by.num?.summary).toMatchObject({ min: 0, max: 10 });
    expect(by.num?.categories).toBeUndefined();
    expect(by.cat?.categories).toEqual({ labels: ['a', 'b', 'c'], counts: [100, 100, 100] });
    expect(by.few).toMatchObject({ kind: 'categorical', numeric: true });
    expect(by.few?.categories?.labels).toEqual(['0.0', '1.0', '2.0', '3.0']);
    expect(by.lonely?.categories).toEqual({ labels: ['only'], counts: [300] });
  });

  it('survives JSON and is recognised by its first bytes', () => {
    const file = path.join(dir, 'profile.json');
    writeFileSync(file, JSON.stringify(profile, null, 2));
    expect(readReferenceProfile(file)).toEqual(profile);
    expect(looksLikeProfile(file)).toBe(true);
    writeFileSync(path.join(dir, 'rows.json'), '[{"format": "gauntlet.drift-profile"}]');
    expect(looksLikeProfile(path.join(dir, 'rows.json'))).toBe(false);
  });

  it('refuses a file that is not a profile, naming where', () => {
    const broken = { ...JSON.parse(JSON.stringify(profile)), bins: 'ten' };
    expect(() => parseReferenceProfile(broken, 'p.json')).toThrow(
      /p\.json is not a drift reference profile.*bins/,
    );
    const lopsided = JSON.parse(JSON.stringify(profile)) as ReferenceProfile;
    lopsided.columns.find((c) => c.name === 'num')?.bins?.counts.pop();
    expect(() => parseReferenceProfile(lopsided, 'p.json')).toThrow(/counts do not match its edges/);
    expect(readFileSync(path.join(dir, 'profile.json'), 'utf8')).toMatch(/^\{\n {2}"format"/);
  });
});

describe('detectDrift against a profile', () => {
  it.each(PROFILE_METHODS.filter((m) => m !== 'z'))('gives what the table gives with %s', async (method) => {
    const options: DriftOptions = {
      method,
      bins: 10,
      columns: ['num', 'cat', 'few', 'const', 'gone', 'lonely'],
    };
    const fromProfile = await detectDrift(profile, cur, options);
    expect(fromProfile.referenceKind).toBe('profile');
    expect(comparable(fromProfile)).toEqual(comparable(await detectDrift(ref, cur, options)));
  });

  it('gives what the table gives with z on binary columns', async () => {
    const options: DriftOptions = { method: 'z', columns: ['flag', 'const', 'lonely'] };
    expect(comparable(await detectDrift(profile, cur, options))).toEqual(
      comparable(await detectDrift(ref, cur, options)),
    );
  });

  it('compares continuous columns by bins with jensenshannon by default, and says so', async () => {
    const r = await detectDrift(profile, cur);
    const by = Object.fromEntries(r.columns.map((c) => [c.column, c]));
    expect(by.num).toMatchObject({ method: 'jensenshannon', bins: 10, drift: true });
    expect(by.num?.note).toMatch(/ks needs the reference rows/);
    expect(by.cat?.method).toBe('chisquare');
    expect(r.reference).toBe('ref.parquet');
  });

  it('refuses the methods that need the reference rows, and other bins', async () => {
    for (const method of ['ks', 'wasserstein', 'anderson'] as const)
      await expect(detectDrift(profile, cur, { methods: { num: method } })).rejects.toThrow(
        new RegExp(
          `"num": ${method} needs the reference rows.*use psi, kl, jensenshannon, chisquare, z, linf`,
        ),
      );
    await expect(detectDrift(profile, cur, { bins: 20 })).rejects.toThrow(/saved with 10 bins, not 20/);
    await expect(detectDrift(profile, textCur)).rejects.toThrow(/"num" was profiled as numbers \(DOUBLE\)/);
  });
});
