/**
 * Evidently's normed Wasserstein distance computed in DuckDB: W1 = sum over the sorted distinct values
 * of both sides of |F_ref(x) - F_cur(x)| (x_next - x), the terms scipy's wasserstein_distance sums, then
 * divided by the reference's population standard deviation (numpy's np.std, two passes) floored at
 * 0.001 (wasserstein_distance_norm.py). Sums are compensated (DuckDB's fsum) like the JS side's.
 */
import { type WassersteinResult, wassersteinFromParts } from '../../../metrics/drift/index.js';
import type { Table } from '../duckdb/index.js';
import { cdfSql, numbersSql, oneRow } from './sql.js';

/** The un-normed Wasserstein-1 distance between a numeric column of two tables. */
export async function wassersteinDistanceSql(
  ref: Table,
  cur: Table,
  column: string,
  dense = false,
): Promise<number> {
  const [w] = await oneRow(
    ref,
    `${cdfSql(ref, cur, column, dense)}
    SELECT coalesce(fsum(abs(CAST(cr AS DOUBLE) / n1 - CAST(cc AS DOUBLE) / n2) * (next - v)), 0)
    FROM cdf, tot WHERE next IS NOT NULL`,
  );
  return w as number;
}

/** Population standard deviation of a numeric column, two-pass like numpy (mean first, then squares). */
export async function populationStdSql(table: Table, column: string): Promise<number> {
  const values = numbersSql(table, column);
  const [std] = await oneRow(
    table,
    `WITH x AS (${values}), m AS (SELECT fsum(v) / count(*) AS mean, count(*) AS n FROM x)
    SELECT sqrt(fsum((v - mean) * (v - mean)) / any_value(n)) FROM x, m`,
  );
  return std as number;
}

/** wassersteinNormed on a numeric column of two tables without reading the values into JS. */
export async function wassersteinSql(
  ref: Table,
  cur: Table,
  column: string,
  threshold?: number,
  dense = false,
): Promise<WassersteinResult> {
  const distance = await wassersteinDistanceSql(ref, cur, column, dense);
  const std = await populationStdSql(ref, column);
  if (!Number.isFinite(distance) || !Number.isFinite(std))
    throw new RangeError(
      'the values are too far apart for a Wasserstein distance in doubles (its sums overflow); use ks, anderson or a binned method (psi, jensenshannon)',
    );
  return wassersteinFromParts(distance, std, { threshold });
}
