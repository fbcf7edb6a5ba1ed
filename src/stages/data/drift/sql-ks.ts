/**
 * The two-sample Kolmogorov-Smirnov test with its statistic found in DuckDB: both sides' values pooled
 * with a side flag, counted per distinct value, cumulated in value order, and the largest and smallest
 * F_ref - F_cur taken after each value's ties, the same points and the same float steps as ks2. The
 * p-value then comes from ksTest (scipy's 'auto' choice of exact or asymptotic) given D, n and m.
 */
import { type KsResult, ksStatisticFromExtremes, ksTest } from '../../../metrics/drift/index.js';
import type { Table } from '../duckdb/index.js';
import { cdfSql, oneRow } from './sql.js';

/** D's parts and the sample sizes, from one query over both tables. */
export async function ksStatisticSql(
  ref: Table,
  cur: Table,
  column: string,
  dense = false,
): Promise<{ maxDiff: number; minDiff: number; n1: number; n2: number }> {
  const [maxDiff, minDiff, n1, n2] = await oneRow(
    ref,
    `${cdfSql(ref, cur, column, dense)}
    SELECT max(CAST(cr AS DOUBLE) / n1 - CAST(cc AS DOUBLE) / n2),
           min(CAST(cr AS DOUBLE) / n1 - CAST(cc AS DOUBLE) / n2),
           any_value(n1), any_value(n2)
    FROM cdf, tot`,
  );
  return { maxDiff: maxDiff as number, minDiff: minDiff as number, n1: n1 as number, n2: n2 as number };
}

/** ks2 on a numeric column of two tables without reading the values into JS. */
export async function ksSql(
  ref: Table,
  cur: Table,
  column: string,
  threshold?: number,
  dense = false,
): Promise<KsResult> {
  const { maxDiff, minDiff, n1, n2 } = await ksStatisticSql(ref, cur, column, dense);
  return ksTest(ksStatisticFromExtremes(maxDiff, minDiff), n1, n2, { threshold });
}
