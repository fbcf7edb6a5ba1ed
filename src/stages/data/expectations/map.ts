/**
 * Column-map expectations: each non-null value is expected or not; `mostly` is the share of non-null
 * values that must be expected. Counts go into the one aggregate scan (`count(*) FILTER (WHERE ...)`);
 * the partial_unexpected_list is a LIMIT-ed sample in the follow-up query.
 */

import type { ExpectationKwargs } from '../../../config/stages/data-expectations.js';
import { ident, literal, type TableColumn } from '../duckdb/index.js';
import type { Builder, BuildFn, Finisher, PlanContext } from './plan.js';
import { betweenSql, mapOutcome, nullOutcome } from './results.js';
import { boundSql, count, family, jsonOf, setSql } from './sql.js';
import type { Outcome } from './types.js';

/** A map expectation over one column; `unexpected` is SQL evaluated on its non-null rows. */
export function columnMap(
  ctx: PlanContext,
  col: TableColumn,
  unexpected: string,
  mostly: number,
): Finisher<Outcome> {
  const c = ident(col.name);
  const where = `${c} IS NOT NULL AND (${unexpected})`;
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${c})`);
  const bad = ctx.agg(`count(*) FILTER (WHERE ${where})`);
  const sample = samples(ctx, jsonOf(c), `FROM ${ctx.view} WHERE ${where}`);
  return (r) =>
    mapOutcome({
      element: count(r.agg(rows)),
      considered: count(r.agg(nonnull)),
      unexpected: count(r.agg(bad)),
      partial: sample === undefined ? [] : r.rows(sample).map((x) => x.v),
      mostly,
    });
}

/** A LIMIT-ed sample branch, or none when partialLimit is 0. */
export function samples(ctx: PlanContext, value: string, tail: string): number | undefined {
  return ctx.partialLimit > 0
    ? ctx.branch({ v: value, tail: `${tail} LIMIT ${ctx.partialLimit}` })
    : undefined;
}

function textColumn(ctx: PlanContext, name: string, what: string): TableColumn {
  const col = ctx.column(name);
  if (family(col.type) !== 'string') {
    ctx.fail(`column "${name}" is ${col.type}; ${what} needs a text (VARCHAR) column`);
  }
  return col;
}

export const notBeNull: Builder<'expect_column_values_to_not_be_null'> = (k, ctx) => {
  const c = ident(ctx.column(k.column).name);
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${c})`);
  return (r) => {
    const element = count(r.agg(rows));
    const unexpected = element - count(r.agg(nonnull));
    // GE lists the unexpected values themselves: nulls.
    const partial = new Array(Math.min(unexpected, ctx.partialLimit)).fill(null);
    return nullOutcome(element, unexpected, partial, k.mostly);
  };
};

export const beNull: Builder<'expect_column_values_to_be_null'> = (k, ctx) => {
  const c = ident(ctx.column(k.column).name);
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${c})`);
  const sample = samples(ctx, jsonOf(c), `FROM ${ctx.view} WHERE ${c} IS NOT NULL`);
  return (r) =>
    nullOutcome(
      count(r.agg(rows)),
      count(r.agg(nonnull)),
      sample === undefined ? [] : r.rows(sample).map((x) => x.v),
      k.mostly,
    );
};

export const inSet: Builder<'expect_column_values_to_be_in_set'> = (k, ctx) => {
  const col = ctx.column(k.column);
  const s = setSql(k.value_set, col);
  return columnMap(ctx, col, `NOT coalesce(list_contains(${s.list}, ${s.expr}), FALSE)`, k.mostly);
};

export const notInSet: Builder<'expect_column_values_to_not_be_in_set'> = (k, ctx) => {
  const col = ctx.column(k.column);
  const s = setSql(k.value_set, col);
  return columnMap(ctx, col, `coalesce(list_contains(${s.list}, ${s.expr}), FALSE)`, k.mostly);
};

export const valuesBetween: Builder<'expect_column_values_to_be_between'> = (k, ctx) => {
  const col = ctx.column(k.column);
  const what = `values of column "${col.name}"`;
  const lo = k.min_value == null ? null : boundSql(k.min_value, col, 'min_value', what);
  const hi = k.max_value == null ? null : boundSql(k.max_value, col, 'max_value', what);
  return columnMap(ctx, col, `NOT (${betweenSql(ident(col.name), lo, hi, k)})`, k.mostly);
};

function regex(negate: boolean): BuildFn<ExpectationKwargs<'expect_column_values_to_match_regex'>> {
  return (k, ctx) => {
    const col = ctx.column(k.column);
    ctx.explain = (m) =>
      `regex ${JSON.stringify(k.regex)} for column "${col.name}" does not compile or run as RE2 (DuckDB's regex syntax: no lookaround, no backreferences): ${m}`;
    const text = family(col.type) === 'string' ? ident(col.name) : `CAST(${ident(col.name)} AS VARCHAR)`;
    const match = `regexp_matches(${text}, ${literal(k.regex)})`;
    return columnMap(ctx, col, negate ? match : `NOT ${match}`, k.mostly);
  };
}
export const matchRegex = regex(false);
export const notMatchRegex: Builder<'expect_column_values_to_not_match_regex'> = regex(true);

export const lengthsBetween: Builder<'expect_column_value_lengths_to_be_between'> = (k, ctx) => {
  const col = textColumn(ctx, k.column, 'a length check');
  const lo = k.min_value == null ? null : String(k.min_value);
  const hi = k.max_value == null ? null : String(k.max_value);
  return columnMap(ctx, col, `NOT (${betweenSql(`length(${ident(col.name)})`, lo, hi, k)})`, k.mostly);
};

export const lengthsEqual: Builder<'expect_column_value_lengths_to_equal'> = (k, ctx) => {
  const col = textColumn(ctx, k.column, 'a length check');
  return columnMap(ctx, col, `length(${ident(col.name)}) <> ${k.value}`, k.mostly);
};

export const beUnique: Builder<'expect_column_values_to_be_unique'> = (k, ctx) => {
  const c = ident(ctx.column(k.column).name);
  const dups = `SELECT ${c} FROM ${ctx.view} WHERE ${c} IS NOT NULL GROUP BY ${c} HAVING count(*) > 1`;
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${c})`);
  // Every row whose value occurs more than once is unexpected (pandas duplicated(keep=False)).
  const bad = ctx.branch({
    n: `(SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${ctx.view} WHERE ${c} IS NOT NULL GROUP BY ${c} HAVING count(*) > 1))`,
    tail: '',
  });
  const sample = samples(ctx, jsonOf(c), `FROM ${ctx.view} WHERE ${c} IN (${dups})`);
  return (r) =>
    mapOutcome({
      element: count(r.agg(rows)),
      considered: count(r.agg(nonnull)),
      unexpected: r.rows(bad)[0]?.n ?? 0,
      partial: sample === undefined ? [] : r.rows(sample).map((x) => x.v),
      mostly: k.mostly,
    });
};
