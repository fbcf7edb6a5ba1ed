/**
 * Counts read by GROUP BY and aggregate queries: per column the usable values and distinct values (one
 * scan of the table for every column), category counts, and the few distinct values of a column that has
 * few. Numbers are read as finite doubles and labelled by their double text, so an integer column and a
 * float column holding the same values give the same categories.
 */
import type { CategoryCounts } from '../../../metrics/drift/index.js';
import type { Table } from '../duckdb/index.js';
import { valueSql } from './sql.js';

/** Usable values (non-null, finite for numbers) and distinct usable values of one column. */
export interface ColumnCounts {
  count: number;
  distinct: number;
}

/** Counts of several columns in one scan; `numeric` says how each is read. */
export async function columnCountsSql(
  table: Table,
  columns: readonly { name: string; numeric: boolean }[],
): Promise<Map<string, ColumnCounts>> {
  const out = new Map<string, ColumnCounts>();
  if (columns.length === 0) return out;
  const select = columns.flatMap(({ name, numeric }) => {
    const { value, usable } = valueSql(table.column(name).name, numeric);
    return [`count(CASE WHEN ${usable} THEN 1 END)`, `count(DISTINCT CASE WHEN ${usable} THEN ${value} END)`];
  });
  const cols = await table.query(`SELECT ${select.join(', ')} FROM ${table.view}`);
  columns.forEach(({ name }, i) => {
    out.set(name, { count: Number(cols[2 * i]?.[0] ?? 0), distinct: Number(cols[2 * i + 1]?.[0] ?? 0) });
  });
  return out;
}

/** Count per category label of one column; nulls (and non-finite numbers) are not a category. */
export async function categoryCountsSql(
  table: Table,
  column: string,
  numeric: boolean,
): Promise<Map<string, number>> {
  const { value, usable } = valueSql(table.column(column).name, numeric);
  const text = numeric ? `CAST(${value} AS VARCHAR)` : value;
  const [k, n] = await table.query(
    `SELECT ${text} AS k, count(*) AS n FROM ${table.view} WHERE ${usable} GROUP BY 1`,
  );
  const out = new Map<string, number>();
  (k ?? []).forEach((key, i) => {
    out.set(String(key), Number(n?.[i] ?? 0));
  });
  return out;
}

/** A column's distinct labels; for columns known to have few. */
export async function distinctLabelsSql(table: Table, column: string, numeric: boolean): Promise<string[]> {
  return [...(await categoryCountsSql(table, column, numeric)).keys()];
}

/**
 * Category counts in the metrics' shape: the reference's labels sorted (or `categories` given), and
 * what falls outside them in `other`.
 */
export function toCategoryCounts(
  counts: ReadonlyMap<string, number>,
  categories?: readonly string[],
): CategoryCounts {
  const labels = categories ? [...categories] : [...counts.keys()].sort();
  const known = new Set(labels);
  let other = 0;
  for (const [k, n] of counts) if (!known.has(k)) other += n;
  return { categories: labels, counts: labels.map((c) => counts.get(c) ?? 0), other };
}
