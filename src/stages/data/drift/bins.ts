/**
 * Quantile bins of a numeric column taken from the reference in DuckDB, and any table counted into
 * them, with exactly referenceBins' and binCounts' answers: the edges read only the order statistics
 * numpy's linear quantile needs (quantileRanks), found from cumulative counts per distinct value; outer
 * edges are -inf and +inf, bins are closed on the left, [e_i, e_i+1), and repeated edges are dropped.
 * Evidently bins a numeric column over reference and current together (np.histogram_bin_edges in
 * stattests/utils.py get_binned_data); bins from the reference alone are what lets a saved profile
 * compare a new batch in one pass, so PSI and KL here can differ from Evidently's on the same data.
 */
import { quantileEdges, quantileRanks } from '../../../metrics/drift/index.js';
import type { Table } from '../duckdb/index.js';
import { doubleSql, numbersSql } from './sql.js';

/** Inner bin edges and the reference's count per bin (one more count than inner edges). */
export interface ReferenceBins {
  inner: number[];
  counts: number[];
}

/** The values of a numeric column at the given 0-based ranks of its sorted usable values. */
export async function orderStatisticsSql(
  table: Table,
  column: string,
  ranks: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ranks.length === 0) return out;
  const wanted = ranks.map((r) => `(${r})`).join(', ');
  // upto: how many values are <= v; rank r (0-based) is the smallest v with upto > r.
  const [rank, value] = await table.query(
    `WITH g AS (SELECT v, count(*) AS k FROM (${numbersSql(table, column)}) GROUP BY v),
    c AS (SELECT v, sum(k) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto FROM g),
    wanted(rank) AS (VALUES ${wanted})
    SELECT wanted.rank, min(c.v) FROM wanted JOIN c ON c.upto > wanted.rank GROUP BY wanted.rank`,
  );
  (rank ?? []).forEach((r, i) => {
    out.set(Number(r), Number(value?.[i]));
  });
  return out;
}

/** referenceBins(values, { bins }) over a numeric column of `n` usable values (n >= 1). */
export async function quantileEdgesSql(
  table: Table,
  column: string,
  n: number,
  bins: number,
): Promise<number[]> {
  const at = await orderStatisticsSql(table, column, quantileRanks(n, bins));
  return quantileEdges(n, bins, (rank) => {
    const v = at.get(rank);
    if (v === undefined) throw new Error(`rank ${rank} of ${n} values of ${column} not found`);
    return v;
  });
}

/** binCounts of a numeric column into the bins with these inner edges (sorted, distinct). */
export async function binCountsSql(
  table: Table,
  column: string,
  inner: readonly number[],
): Promise<number[]> {
  const counts: number[] = new Array(inner.length + 1).fill(0);
  const values = numbersSql(table, column);
  // An ASOF join finds, for each value, the last edge <= it: the value's bin is that edge's index + 1,
  // and 0 below the first edge. It is a sort-merge, so many bins cost no more per row than a few.
  const sql =
    inner.length === 0
      ? `SELECT 0 AS bin, count(*) FROM (${values})`
      : `WITH e(i, edge) AS (VALUES ${inner.map((x, i) => `(${i + 1}, ${doubleSql(x)})`).join(', ')}),
      x AS (${values})
      SELECT coalesce(e.i, 0) AS bin, count(*) FROM x ASOF LEFT JOIN e ON x.v >= e.edge GROUP BY 1`;
  const [bin, n] = await table.query(sql);
  (bin ?? []).forEach((b, i) => {
    counts[Number(b)] = Number(n?.[i] ?? 0);
  });
  return counts;
}

/** The reference's bins and its own counts in them. */
export async function referenceBinsSql(
  table: Table,
  column: string,
  n: number,
  bins: number,
): Promise<ReferenceBins> {
  const inner = await quantileEdgesSql(table, column, n, bins);
  return { inner, counts: await binCountsSql(table, column, inner) };
}
