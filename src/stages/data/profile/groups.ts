/**
 * Histograms and top values of every profiled column in one more query: a GROUPING SETS aggregate
 * with one set per categorical column (its values) and one per numeric column (its histogram bin),
 * so DuckDB reads the table once more whatever the number of columns, then a window keeps each
 * categorical column's `top` most frequent values (ties by value).
 */
import { ident, type Table, type TableColumn } from '../duckdb/index.js';
import { finiteSql } from './base.js';
import { binSql, histogramEdges, outerEdges } from './histogram.js';
import type { ColumnProfile } from './types.js';

interface Group {
  profile: ColumnProfile;
  column: TableColumn;
  edges?: number[];
}

/** Fills `numeric.histogram` and `top` of the profiles; returns the number of queries run (0 or 1). */
export async function fillGroups(
  table: Table,
  items: ReadonlyArray<{ profile: ColumnProfile; column: TableColumn }>,
  bins: number,
  top: number,
): Promise<number> {
  const groups: Group[] = [];
  for (const { profile, column } of items) {
    const num = profile.numeric;
    if (num && num.min !== null && num.max !== null) {
      const [first, last] = outerEdges(num.min, num.max);
      groups.push({ profile, column, edges: histogramEdges(first, last, bins) });
    } else if (profile.kind === 'categorical' && top > 0) {
      profile.top = [];
      groups.push({ profile, column });
    }
  }
  if (groups.length === 0) return 0;

  // Layer 1 reads each column as text (categorical) or finite DOUBLE (numeric); layers 2-4 bin the numbers.
  const l1 = groups.map((g, i) =>
    g.edges ? `${finiteSql(g.column)} AS f${i}` : `CAST(${ident(g.column.name)} AS VARCHAR) AS k${i}`,
  );
  const steps = groups.map((g) => (g.edges ? binSql(g.edges) : undefined));
  const layer = (pick: (i: number) => string | undefined) =>
    groups.flatMap((_, i) => {
      const e = pick(i);
      return e ? [e] : [];
    });
  const l2 = layer((i) => steps[i] && `${steps[i].index(`f${i}`)} AS j${i}`);
  const l3 = layer((i) => steps[i] && `${steps[i].decrement(`f${i}`, `j${i}`)} AS d${i}`);
  const l4 = layer((i) => steps[i] && `${steps[i].increment(`f${i}`, `d${i}`)} AS k${i}`);
  const keys = groups.map((_, i) => `k${i}`);
  const which = `CASE ${keys.map((k, i) => `WHEN GROUPING(${k}) = 0 THEN ${i}`).join(' ')} END`;
  const key = `COALESCE(${keys.map((k) => `CAST(${k} AS VARCHAR)`).join(', ')})`;
  const binned = groups.flatMap((g, i) => (g.edges ? [i] : []));
  const sql = `
    SELECT col, k, n FROM (
      SELECT col, k, n, row_number() OVER (PARTITION BY col ORDER BY n DESC, k) AS r FROM (
        SELECT ${which} AS col, ${key} AS k, count(*) AS n
        FROM (SELECT *${l4.map((e) => `, ${e}`).join('')} FROM (
          SELECT *${l3.map((e) => `, ${e}`).join('')} FROM (
            SELECT *${l2.map((e) => `, ${e}`).join('')} FROM (
              SELECT ${l1.join(', ')} FROM ${table.view}))))
        GROUP BY GROUPING SETS (${keys.map((k) => `(${k})`).join(', ')}))
      WHERE k IS NOT NULL)
    WHERE r <= ${top}${binned.length > 0 ? ` OR col IN (${binned.join(', ')})` : ''}
    ORDER BY col, r`;
  const [cols = [], ks = [], ns = []] = await table.query(sql);

  for (const g of groups) {
    if (g.edges && g.profile.numeric)
      g.profile.numeric.histogram = { edges: g.edges, counts: g.edges.slice(1).map(() => 0) };
  }
  cols.forEach((col, r) => {
    const g = groups[Number(col)];
    const n = Number(ns[r] ?? 0);
    if (!g) return;
    const hist = g.profile.numeric?.histogram;
    if (g.edges && hist) hist.counts[Number(ks[r])] = n;
    else g.profile.top?.push({ value: String(ks[r]), count: n });
  });
  return 1;
}
