/**
 * A generated volume: 300,000 rows per side built in DuckDB from range() and a seeded hash expression
 * (deterministic across runs and machines), with ties from rounding. The SQL statistics must equal the
 * JS implementations on the same values to 1e-9 relative; the values are pulled into JS here, in the
 * test, and nowhere in the code under test.
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { andersonKSample, ks2, wassersteinNormed } from '../../../../src/metrics/drift/index.js';
import { detectDrift } from '../../../../src/stages/data/drift/index.js';
import { andersonSql } from '../../../../src/stages/data/drift/sql-anderson.js';
import { ksSql } from '../../../../src/stages/data/drift/sql-ks.js';
import { wassersteinSql } from '../../../../src/stages/data/drift/sql-wasserstein.js';
import type { Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { describeMiss, relClose } from '../../../metrics/drift/reference.js';
import { openTables, tempDir } from './helpers.js';

const ROWS = 300_000;
let db: TableDb;
let ref: Table;
let cur: Table;
let a: number[];
let b: number[];

/** A uniform in [0, 1) from row i and a seed: DuckDB's hash is fixed, so the data are too. */
const uniform = (seed: number) => `(hash(i * 3 + ${seed}) % 1000003) / 1000003.0`;
/** Near-normal (a sum of three uniforms) rounded to 3 decimals: about 3,000 distinct values, many ties. */
const column = (seed: number, shift: number) =>
  `round(${uniform(seed)} + ${uniform(seed + 1)} + ${uniform(seed + 2)} + ${shift}, 3) AS x,
   ${uniform(seed + 3)} * 100 + ${shift} AS y`;

beforeAll(async () => {
  const dir = tempDir();
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const q = (f: string) => `'${path.join(dir, f)}'`;
  await c.run(
    `COPY (SELECT ${column(11, 0)} FROM range(${ROWS}) t(i)) TO ${q('ref.parquet')} (FORMAT parquet)`,
  );
  await c.run(
    `COPY (SELECT ${column(97, 0.005)} FROM range(${ROWS}) t(i)) TO ${q('cur.parquet')} (FORMAT parquet)`,
  );
  c.closeSync();
  instance.closeSync();
  const opened = await openTables(dir, 'ref.parquet', 'cur.parquet');
  db = opened.db;
  [ref, cur] = opened.tables as [Table, Table];
  a = await ref.numbers('x');
  b = await cur.numbers('x');
}, 60_000);
afterAll(() => db?.close());

const close = (got: number, want: number) =>
  expect(relClose(got, want, 1e-9), describeMiss(got, want)).toBe(true);

describe(`${ROWS.toLocaleString('en')} rows per side`, () => {
  it('has the volume and the ties it claims', () => {
    expect(a).toHaveLength(ROWS);
    expect(b).toHaveLength(ROWS);
    expect(new Set(a).size).toBeLessThan(ROWS / 50);
  });

  it('KS in SQL equals ks2', async () => {
    const sql = await ksSql(ref, cur, 'x');
    const js = ks2(a, b);
    expect(sql.mode).toBe('asymp');
    // A p-value well inside (0, 1), so the comparison means something.
    expect(js.pValue).toBeGreaterThan(1e-9);
    expect(js.pValue).toBeLessThan(0.01);
    close(sql.statistic, js.statistic);
    close(sql.pValue as number, js.pValue as number);
    expect(sql.drift).toBe(js.drift);
  });

  it('Wasserstein in SQL equals wassersteinNormed', async () => {
    const sql = await wassersteinSql(ref, cur, 'x');
    const js = wassersteinNormed(a, b);
    close(sql.distance, js.distance);
    close(sql.referenceStd, js.referenceStd);
    close(sql.statistic, js.statistic);
  });

  it('Anderson-Darling in SQL equals andersonKSample', async () => {
    const sql = await andersonSql(ref, cur, 'x');
    const js = andersonKSample([a, b]);
    close(sql.statistic, js.statistic);
    close(sql.pValue as number, js.pValue as number);
  });

  it('detectDrift takes Wasserstein (reference over 1000 rows) with the same value', async () => {
    const r = await detectDrift(ref, cur, { columns: ['x', 'y'] });
    expect(r.columns.map((c) => c.method)).toEqual(['wasserstein', 'wasserstein']);
    close(r.columns[0]?.statistic as number, wassersteinNormed(a, b).statistic);
  });
});
