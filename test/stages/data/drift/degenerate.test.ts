/**
 * No NaN or Infinity reaches a report, whatever the data: constant columns (the same constant on both
 * sides, and a different one), an all-null column, a single category, and an empty current table, under
 * every method that applies, against a table and against a profile.
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_METHODS, type DriftMethod } from '../../../../src/metrics/drift/index.js';
import {
  type DriftReport,
  detectDrift,
  type ReferenceProfile,
  saveReferenceProfile,
} from '../../../../src/stages/data/drift/index.js';
import type { Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { nonFinite, openTables, tempDir, writeCsv } from './helpers.js';

let db: TableDb;
let ref: Table;
let cur: Table;
let empty: Table;
let profile: ReferenceProfile;

const NUMERIC = ['same', 'moved', 'nulls', 'spread'];
const TEXT = ['single', 'newcat'];

beforeAll(async () => {
  const dir = tempDir();
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const q = (f: string) => `'${path.join(dir, f)}'`;
  const table = (n: number, moved: number, cat: string, spread: string) =>
    `SELECT 5.0::DOUBLE AS same, ${moved}::DOUBLE AS moved, NULL::DOUBLE AS nulls, ${spread} AS spread,
       'x' AS single, '${cat}' AS newcat FROM range(${n}) t(i)`;
  await c.run(`COPY (${table(50, 5, 'a', 'i::DOUBLE')}) TO ${q('ref.parquet')} (FORMAT parquet)`);
  await c.run(
    `COPY (${table(40, 7, 'b', 'CASE WHEN i < 20 THEN NULL ELSE 1e300 * i END')}) TO ${q('cur.parquet')} (FORMAT parquet)`,
  );
  await c.run(
    `COPY (SELECT * FROM (${table(40, 7, 'b', 'i::DOUBLE')}) WHERE false) TO ${q('empty.parquet')} (FORMAT parquet)`,
  );
  c.closeSync();
  instance.closeSync();
  const opened = await openTables(dir, 'ref.parquet', 'cur.parquet', 'empty.parquet');
  db = opened.db;
  [ref, cur, empty] = opened.tables as [Table, Table, Table];
  profile = await saveReferenceProfile(ref);
});
afterAll(() => db?.close());

function expectFinite(r: DriftReport): void {
  expect(nonFinite(r)).toEqual([]);
  expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  for (const c of r.columns) {
    if (c.skipped) continue;
    expect(c.statistic, c.column).not.toBeNull();
    expect(c.threshold, c.column).not.toBeNull();
  }
}

/** The methods that apply to a column (text columns take no value methods). */
const applicable = (column: string, m: DriftMethod) =>
  NUMERIC.includes(column) || !['ks', 'wasserstein', 'anderson'].includes(m);

describe('degenerate data never gives NaN or Infinity', () => {
  it.each(DRIFT_METHODS)('%s against a table', async (method) => {
    const columns = [...NUMERIC, ...TEXT].filter((c) => applicable(c, method));
    const methods = Object.fromEntries(columns.map((c) => [c, method]));
    // z takes binary columns only; 'spread' has 50 distinct values.
    if (method === 'z') delete methods.spread;
    const r = await detectDrift(ref, cur, { columns, methods, bins: 5, correction: 'bh' });
    expectFinite(r);
    const by = Object.fromEntries(r.columns.map((c) => [c.column, c]));
    expect(by.nulls?.skipped).toMatch(/no finite number in ref\.parquet/);
    expect(by.same).toMatchObject({ drift: false, statistic: 0 });
    if (method !== 'linf' && method !== 'jensenshannon') expect(by.moved?.drift).toBe(true);
    if (by.moved?.pValue !== null) expect(by.moved?.pValue).toBeGreaterThanOrEqual(0);
  });

  it('keeps the Wasserstein of a moved constant finite (the 0.001 floor on the norm)', async () => {
    const r = await detectDrift(ref, cur, { columns: ['moved'], method: 'wasserstein' });
    expect(r.columns[0]).toMatchObject({ statistic: 2000, drift: true });
  });

  it.each(['psi', 'kl', 'jensenshannon', 'linf', 'chisquare', 'z'] as const)(
    '%s against a profile',
    async (method) => {
      const columns = ['same', 'moved', 'nulls', ...TEXT];
      expectFinite(await detectDrift(profile, cur, { columns, method }));
    },
  );

  it('skips every column of an empty current table: nothing tested, no drift, share 0', async () => {
    for (const r of [await detectDrift(ref, empty), await detectDrift(profile, empty)]) {
      expectFinite(r);
      expect(r).toMatchObject({ tested: 0, drifted: 0, driftShare: 0, datasetDrift: false });
      for (const c of r.columns)
        expect(c.skipped).toMatch(
          c.column === 'nulls' ? /no finite number in ref\.parquet/ : /in empty\.parquet/,
        );
    }
  });

  it('reports values too far apart for a double as an error naming the column, not as Infinity', async () => {
    const dir = tempDir();
    writeCsv(dir, 'far_ref.csv', { x: [-1.7e308, 0, 1.7e308, 1, 2, 3, 4] });
    writeCsv(dir, 'far_cur.csv', { x: [-1.7e308, 1.7e308, 5, 6, 7, 8, 9] });
    const { db: farDb, tables } = await openTables(dir, 'far_ref.csv', 'far_cur.csv');
    try {
      const [a, b] = tables as [Table, Table];
      await expect(detectDrift(a, b, { method: 'wasserstein' })).rejects.toThrow(
        /column "x": the values are too far apart for a Wasserstein distance.*use ks, anderson/,
      );
      expectFinite(await detectDrift(a, b, { method: 'anderson' }));
      expectFinite(await detectDrift(a, b, { method: 'ks' }));
      expectFinite(await detectDrift(a, b, { method: 'psi' }));
    } finally {
      farDb.close();
    }
  });

  it('profiles constant and all-null columns without a non-finite number', () => {
    expect(nonFinite(profile)).toEqual([]);
    const nulls = profile.columns.find((c) => c.name === 'nulls');
    expect(nulls).toMatchObject({ count: 0, distinct: 0 });
    expect(nulls?.bins).toBeUndefined();
  });
});
