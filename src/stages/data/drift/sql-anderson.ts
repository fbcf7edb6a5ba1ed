/**
 * The Anderson-Darling k-sample test (k = 2) computed in DuckDB. Scholz and Stephens' midrank statistic
 * needs, at each distinct value z_j of the pooled sample, its ties l_j, the pooled count below it and
 * each side's count up to it; the CDF table has all of these, so no value or rank leaves DuckDB and any
 * row count works. Per side i the sum over j of
 *   (l_j / N) (N M_ij - B_j n_i)^2 / (B_j (N - B_j) - N l_j / 4),  B_j = below_j + l_j / 2,
 *   M_ij = (side i's count up to z_j) - (side i's count at z_j) / 2,
 * as scipy's _anderson_ksamp_midrank; andersonFromMidrank finishes the statistic and the p-value.
 */
import { type AndersonResult, andersonFromMidrank } from '../../../metrics/drift/index.js';
import type { Table } from '../duckdb/index.js';
import { cdfSql, oneRow } from './sql.js';

/** A2akN of the two sides, their sizes and the distinct values over both. */
export async function andersonMidrankSql(
  ref: Table,
  cur: Table,
  column: string,
): Promise<{ a2kn: number; n1: number; n2: number; distinct: number }> {
  const term = (M: string, n: string) =>
    `fsum(((l / NN) * ((NN * ${M} - B * ${n}) * (NN * ${M} - B * ${n}))) / (B * (NN - B) - (NN * l) / 4))`;
  const [sRef, sCur, n1, n2, distinct] = await oneRow(
    ref,
    `${cdfSql(ref, cur, column)},
    terms AS (
      SELECT CAST(r + c AS DOUBLE) AS l,
             CAST(cr + cc - r - c AS DOUBLE) + CAST(r + c AS DOUBLE) / 2 AS B,
             CAST(cr AS DOUBLE) - CAST(r AS DOUBLE) / 2 AS Mr,
             CAST(cc AS DOUBLE) - CAST(c AS DOUBLE) / 2 AS Mc,
             n1, n2, n1 + n2 AS NN
      FROM cdf, tot
    )
    SELECT ${term('Mr', 'n1')}, ${term('Mc', 'n2')}, any_value(n1), any_value(n2), count(*) FROM terms`,
  );
  const N = (n1 as number) + (n2 as number);
  // scipy: A2akN += inner.sum() / n[i] for each sample, then A2akN *= (N - 1) / N.
  const total = 0 + (sRef as number) / (n1 as number) + (sCur as number) / (n2 as number);
  return { a2kn: (total * (N - 1)) / N, n1: n1 as number, n2: n2 as number, distinct: distinct as number };
}

/** andersonKSample([ref, cur]) on a numeric column of two tables without reading the values into JS. */
export async function andersonSql(
  ref: Table,
  cur: Table,
  column: string,
  threshold?: number,
): Promise<AndersonResult> {
  const { a2kn, n1, n2, distinct } = await andersonMidrankSql(ref, cur, column);
  // One distinct value: the sums divide 0 by 0; andersonFromMidrank answers p = 1 without reading a2kn.
  return andersonFromMidrank(distinct < 2 ? 0 : a2kn, [n1, n2], distinct, { threshold });
}
