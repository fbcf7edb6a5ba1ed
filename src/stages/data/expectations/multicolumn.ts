/**
 * Expectations over several columns: A > B row by row (GE's column-pair map) and compound uniqueness
 * (GE's multicolumn map). Rows are ignored per `ignore_row_if`; the rest are "considered", so
 * missing_count = rows ignored.
 */
import { ident, literal, type TableColumn } from '../duckdb/index.js';
import { samples } from './map.js';
import type { Builder, PlanContext } from './plan.js';
import { mapOutcome } from './results.js';
import { count, family, isNumeric } from './sql.js';

function comparable(ctx: PlanContext, a: TableColumn, b: TableColumn): void {
  if (isNumeric(a) && isNumeric(b)) return;
  const fa = family(a.type);
  if (fa !== 'other' && fa === family(b.type)) return;
  ctx.fail(`columns "${a.name}" (${a.type}) and "${b.name}" (${b.type}) cannot be compared`);
}

export const pairGreater: Builder<'expect_column_pair_values_a_to_be_greater_than_b'> = (k, ctx) => {
  const colA = ctx.column(k.column_A);
  const colB = ctx.column(k.column_B);
  comparable(ctx, colA, colB);
  const a = ident(colA.name);
  const b = ident(colB.name);
  const considered = {
    both_values_are_missing: `NOT (${a} IS NULL AND ${b} IS NULL)`,
    either_value_is_missing: `${a} IS NOT NULL AND ${b} IS NOT NULL`,
    neither: 'TRUE',
  }[k.ignore_row_if];
  // A null on either side is not "greater" (pandas compares NaN as False), so it is unexpected.
  const where = `(${considered}) AND NOT coalesce(${a} ${k.or_equal ? '>=' : '>'} ${b}, FALSE)`;
  const rows = ctx.agg('count(*)');
  const kept = ctx.agg(`count(*) FILTER (WHERE ${considered})`);
  const bad = ctx.agg(`count(*) FILTER (WHERE ${where})`);
  const sample = samples(ctx, `json_array(${a}, ${b})`, `FROM ${ctx.view} WHERE ${where}`);
  return (r) =>
    mapOutcome({
      element: count(r.agg(rows)),
      considered: count(r.agg(kept)),
      unexpected: count(r.agg(bad)),
      partial: sample === undefined ? [] : r.rows(sample).map((x) => x.v),
      mostly: k.mostly,
    });
};

export const compoundUnique: Builder<'expect_compound_columns_to_be_unique'> = (k, ctx) => {
  const cols = k.column_list.map((n) => ident(ctx.column(n).name));
  const at = (prefix: string) => cols.map((c) => `${prefix}${c}`);
  const consideredAt = (prefix: string) => {
    const ids = at(prefix);
    if (k.ignore_row_if === 'all_values_are_missing')
      return `NOT (${ids.map((c) => `${c} IS NULL`).join(' AND ')})`;
    if (k.ignore_row_if === 'any_value_is_missing') return ids.map((c) => `${c} IS NOT NULL`).join(' AND ');
    return 'TRUE';
  };
  const considered = consideredAt('');
  const rows = ctx.agg('count(*)');
  const kept = ctx.agg(`count(*) FILTER (WHERE ${considered})`);
  // Nulls group together, as pandas' duplicated() treats NaN as equal to NaN.
  const groups = `FROM ${ctx.view} WHERE ${considered} GROUP BY ${cols.join(', ')} HAVING count(*) > 1`;
  const bad = ctx.branch({
    n: `(SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n ${groups}))`,
    tail: '',
  });
  const join = cols.map((c) => `t.${c} IS NOT DISTINCT FROM d.${c}`).join(' AND ');
  const record = `to_json({${k.column_list.map((n, i) => `${literal(n)}: t.${cols[i]}`).join(', ')}})`;
  const sample = samples(
    ctx,
    record,
    `FROM ${ctx.view} AS t JOIN (SELECT ${cols.join(', ')} ${groups}) AS d ON ${join} WHERE ${consideredAt('t.')}`,
  );
  return (r) =>
    mapOutcome({
      element: count(r.agg(rows)),
      considered: count(r.agg(kept)),
      unexpected: r.rows(bad)[0]?.n ?? 0,
      partial: sample === undefined ? [] : r.rows(sample).map((x) => x.v),
      mostly: k.mostly,
    });
};
