/** Tables for the drift tests: numbers written to CSV files in a temp directory and opened in one TableDb. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';

/** A temp directory for one test file. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gauntlet-drift-'));
}

/** A number as CSV text that DuckDB reads back as exactly this double (always with a '.' or an exponent). */
export function csvNumber(v: number | null): string {
  if (v === null) return '';
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Writes columns (same length; null is a missing value) as a CSV file and returns its name. */
export function writeCsv(
  dir: string,
  file: string,
  columns: Record<string, (number | string | null)[]>,
): string {
  const names = Object.keys(columns);
  const n = Math.max(...names.map((k) => columns[k]?.length ?? 0));
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++)
    lines.push(
      names
        .map((k) => {
          const v = columns[k]?.[i];
          if (v === undefined || v === null) return '';
          return typeof v === 'number' ? csvNumber(v) : v;
        })
        .join(','),
    );
  writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
  return file;
}

/** Opens files of `dir` as tables of one fresh TableDb; close it with db.close(). */
export async function openTables(dir: string, ...files: string[]): Promise<{ db: TableDb; tables: Table[] }> {
  const db = await TableDb.open();
  const tables: Table[] = [];
  for (const f of files) tables.push(await db.table(f, dir));
  return { db, tables };
}

/** Every number anywhere in `value` (deep), with its path, that is NaN or infinite. */
export function nonFinite(value: unknown, at = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${at} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${at}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${at}.${k}`));
  return [];
}

/** ref: 300 rows, cur: 250 rows; num shifts by 2, cat gains a category, flag moves, few changes. */
export const REF_SQL = `SELECT (i * 37 % 101) / 10.0 AS num, ['a','b','c'][i % 3 + 1] AS cat,
  CASE WHEN i % 4 = 0 THEN 'yes' ELSE 'no' END AS flag, CAST(i % 4 AS INTEGER) AS few, 1 AS const,
  CAST(i AS DOUBLE) AS gone, 'only' AS lonely FROM range(300) t(i)`;
export const CUR_SQL = `SELECT (i * 37 % 101) / 10.0 + 2 AS num,
  CASE WHEN i % 10 < 7 THEN 'a' WHEN i % 10 < 9 THEN 'b' ELSE 'd' END AS cat,
  CASE WHEN i % 2 = 0 THEN 'yes' ELSE 'no' END AS flag, CAST(i % 3 AS INTEGER) AS few, 1 AS const,
  CAST(NULL AS DOUBLE) AS gone, 'only' AS lonely FROM range(250) t(i)`;

/** Writes REF_SQL and CUR_SQL (and an empty current table) as Parquet into `dir`. */
export async function writeTables(dir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const q = (f: string) => `'${path.join(dir, f)}'`;
  await c.run(`COPY (${REF_SQL}) TO ${q('ref.parquet')} (FORMAT parquet)`);
  await c.run(`COPY (${CUR_SQL}) TO ${q('cur.parquet')} (FORMAT parquet)`);
  await c.run(`COPY (SELECT * FROM (${CUR_SQL}) WHERE false) TO ${q('empty.parquet')} (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
}
