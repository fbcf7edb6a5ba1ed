import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTableError, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { type ColumnProfile, profileTable } from '../../../../src/stages/data/profile/index.js';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/data/profile');
const reference = JSON.parse(readFileSync(path.join(fixtures, 'reference.json'), 'utf8'));

/** Every number in `expected` equals `actual` to 1e-9 relative (1e-12 absolute near zero); the rest exactly. */
function expectClose(actual: unknown, expected: unknown, at: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, at).toBe('number');
    const tol = Math.max(1e-12, 1e-9 * Math.abs(expected));
    expect(Math.abs((actual as number) - expected), `${at}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tol,
    );
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), at).toBe(true);
    expect((actual as unknown[]).length, `${at}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose((actual as unknown[])[i], e, `${at}[${i}]`);
    });
  } else if (expected !== null && typeof expected === 'object') {
    for (const [k, e] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)?.[k], e, `${at}.${k}`);
  } else {
    expect(actual, at).toEqual(expected);
  }
}

let db: TableDb;
let dir: string;

beforeAll(async () => {
  db = await TableDb.open();
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-profile-'));
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const q = (f: string) => `'${path.join(dir, f)}'`;
  await c.run(
    `COPY (SELECT * FROM (VALUES ('', 1.5::FLOAT, [1, 2], {'a': 1}), ('ab', 'nan'::FLOAT, [1, 2], {'a': 2}), (NULL, NULL, NULL, NULL)) v(s, f, l, st)) TO ${q('odd.parquet')} (FORMAT parquet)`,
  );
  await c.run(`COPY (SELECT 1 AS x WHERE false) TO ${q('empty.parquet')} (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
  writeFileSync(path.join(dir, 'corrupt.parquet'), 'these are not parquet bytes');
});

afterAll(() => db.close());

describe('profileTable against pandas/numpy (make_reference.py)', () => {
  it('matches every reference number to 1e-9 in two queries', async () => {
    const table = await db.table('profile.csv', fixtures);
    const p = await profileTable(table);
    expect(p.queries).toBe(2);
    expect(p.rows).toBe(reference.rows);
    expect(p.columns.map((c) => c.name)).toEqual(Object.keys(reference.columns));
    for (const col of p.columns) expectClose(col, reference.columns[col.name], col.name);
    expect(JSON.stringify(p)).not.toMatch(/NaN|Infinity/);
    // The histogram counts every finite value once.
    for (const col of p.columns) {
      const h = col.numeric?.histogram;
      if (h) expect(h.counts.reduce((a, b) => a + b, 0)).toBe(col.numeric?.finite);
    }
  });

  it('gives the reasons for what it cannot compute', async () => {
    const p = await profileTable(await db.table('profile.csv', fixtures), {
      columns: ['missing', 'constant'],
    });
    const [missing, constant] = p.columns as [ColumnProfile, ColumnProfile];
    expect(missing.text).toEqual({ minLength: null, maxLength: null, meanLength: null, empty: 0 });
    expect(missing.reasons['text.meanLength']).toBe('no non-null values');
    expect(constant.numeric?.histogram?.edges[0]).toBe(6.5);
    expect(constant.numeric?.stdev).toBe(0);
  });

  it('honours --bins and --top and profiles only the listed columns', async () => {
    const p = await profileTable(await db.table('profile.csv', fixtures), {
      columns: ['qty', 'city'],
      bins: 4,
      top: 2,
    });
    expect(p.columns.map((c) => c.name)).toEqual(['qty', 'city']);
    expect(p.columns[0]?.numeric?.histogram?.counts).toHaveLength(4);
    expect(p.columns[1]?.top).toEqual(reference.columns.city.top.slice(0, 2));
  });
});

describe('profileTable on other shapes', () => {
  it('counts empty strings, NaN in FLOAT columns and profiles nested columns as other', async () => {
    const p = await profileTable(await db.table('odd.parquet', dir));
    const by = Object.fromEntries(p.columns.map((c) => [c.name, c]));
    expect(by.s?.text).toEqual({ minLength: 0, maxLength: 2, meanLength: 1, empty: 1 });
    expect(by.s?.top).toEqual([
      { value: '', count: 1 },
      { value: 'ab', count: 1 },
    ]);
    expect(by.f?.numeric).toMatchObject({ finite: 1, nan: 1, min: 1.5, max: 1.5, stdev: null });
    expect(by.f?.reasons['numeric.stdev']).toBe('fewer than 2 finite values');
    expect(by.l).toMatchObject({ kind: 'other', nulls: 1, distinct: 1 });
    expect(by.st).toMatchObject({ kind: 'other', nulls: 1, distinct: 2 });
    expect(JSON.stringify(p)).not.toMatch(/NaN|Infinity/);
  });

  it('profiles a table without rows', async () => {
    const p = await profileTable(await db.table('empty.parquet', dir));
    expect(p.rows).toBe(0);
    expect(p.columns[0]).toMatchObject({
      nullFraction: null,
      numeric: { finite: 0, histogram: null, quantiles: null },
    });
    expect(p.columns[0]?.reasons).toMatchObject({
      nullFraction: 'no rows',
      'numeric.mean': 'no finite values',
    });
  });

  it('profiles 200k generated rows like numpy (values from np.arange(200000) / 10 and % 7)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(
      `COPY (SELECT i / 10 AS x, i % 7 AS k FROM range(200000) t(i)) TO '${path.join(dir, 'big.parquet')}' (FORMAT parquet)`,
    );
    c.closeSync();
    instance.closeSync();
    const p = await profileTable(await db.table('big.parquet', dir), { bins: 7 });
    expect(p.queries).toBe(2);
    // np.histogram(np.arange(200000) / 10, bins=7), np.quantile, Series.std()
    expectClose(
      p.columns[0]?.numeric,
      {
        histogram: {
          counts: [28572, 28571, 28571, 28572, 28571, 28571, 28572],
          edges: [
            0.0, 2857.128571428572, 5714.257142857144, 8571.385714285716, 11428.514285714287,
            14285.642857142859, 17142.771428571432, 19999.9,
          ],
        },
        quantiles: { p1: 199.999, p50: 9999.95, p99: 19799.901 },
        mean: 9999.95,
        stdev: 5773.517125634945,
      },
      'x',
    );
    expect(p.columns[1]?.numeric?.histogram?.counts).toEqual([
      28572, 28572, 28572, 28571, 28571, 28571, 28571,
    ]);
  });
});

describe('profileTable errors name the file or the column', () => {
  it('a missing file', async () => {
    await expect(db.table('nope.csv', dir)).rejects.toThrow(/nope\.csv: no such file/);
  });
  it('a corrupt Parquet file', async () => {
    const err = await db.table('corrupt.parquet', dir).then(
      (t) => profileTable(t),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataTableError);
    expect(String((err as Error).message)).toContain('corrupt.parquet');
  });
  it('a missing column', async () => {
    const t = await db.table('profile.csv', fixtures);
    await expect(profileTable(t, { columns: ['price', 'nope'] })).rejects.toThrow(
      /column "nope" is not in profile\.csv; its columns: id, price/,
    );
  });
});
