/**
 * Column-aggregate expectations: one statistic per column (mean, median, sample stdev, min, max, sum,
 * quantiles, distinct counts) tested against bounds. Every statistic is an aggregate of the one scan;
 * aggregates skip nulls (as pandas skips NaN). Results carry observed_value plus element and missing
 * counts; a statistic that does not exist (no values, NaN in the column) is null and fails, as in GE.
 */

import type { ExpectationKwargs } from '../../../config/stages/data-expectations.js';
import { ident, type TableColumn } from '../duckdb/index.js';
import type { Builder, BuildFn, Finisher, PlanContext } from './plan.js';
import { aggregateOutcome, type Bounds, betweenSql, numberBetween } from './results.js';
import { boundSql, count, dbl, family, finite, fromJson, isNumeric, numericExpr } from './sql.js';
import type { Outcome } from './types.js';

function numericColumn(ctx: PlanContext, name: string, what: string, allowBoolean = true): TableColumn {
  const col = ctx.column(name);
  if (isNumeric(col) || (allowBoolean && family(col.type) === 'boolean')) return col;
  return ctx.fail(`column "${name}" is ${col.type}; ${what} needs a numeric column`);
}

/** Registers the element and non-null counts of a column; returns a reader for both. */
function counts(ctx: PlanContext, col: TableColumn) {
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${ident(col.name)})`);
  return (r: Parameters<Finisher<Outcome>>[0]) => ({
    element: count(r.agg(rows)),
    nonnull: count(r.agg(nonnull)),
  });
}

/** A numeric statistic between bounds. */
function statistic(
  sql: (c: TableColumn) => string,
  what: string,
  opts: { nullAs?: number; nullReason?: string } = {},
): BuildFn<ExpectationKwargs<'expect_column_mean_to_be_between'>> {
  return (k, ctx) => {
    const col = numericColumn(ctx, k.column, what);
    const n = counts(ctx, col);
    const slot = ctx.agg(sql(col));
    return (r) => {
      const c = n(r);
      const raw = r.agg(slot);
      const value = raw === null && opts.nullAs !== undefined ? opts.nullAs : finite(raw);
      return aggregateOutcome(value, numberBetween(value, k), c, opts.nullReason);
    };
  };
}

export const mean = statistic((c) => `avg(${numericExpr(c)})`, 'a mean');
export const median = statistic((c) => `median(CAST(${numericExpr(c)} AS DOUBLE))`, 'a median');
/** Sample standard deviation (n - 1), as pandas' std() and GE. */
export const stdev = statistic((c) => `stddev_samp(${numericExpr(c)})`, 'a standard deviation', {
  nullReason: 'a sample standard deviation needs at least two values (or the column holds NaN/Infinity)',
});
/** pandas sums no values to 0 (GE's pandas engine reports 0 for an all-null column). */
export const sum = statistic((c) => `sum(${numericExpr(c)})`, 'a sum', { nullAs: 0 });

/** min or max, in the column's own type: numbers, dates and timestamps (as text), text. */
function extreme(fn: 'min' | 'max'): BuildFn<ExpectationKwargs<'expect_column_min_to_be_between'>> {
  return (k, ctx) => {
    const col = ctx.column(k.column);
    const what = `the ${fn} of column "${col.name}"`;
    const lo = k.min_value == null ? null : boundSql(k.min_value, col, 'min_value', what);
    const hi = k.max_value == null ? null : boundSql(k.max_value, col, 'max_value', what);
    const expr = `${fn}(${numericExpr(col)})`;
    const n = counts(ctx, col);
    const value = ctx.agg(`to_json(${expr})`);
    const ok = ctx.agg(`coalesce(${betweenSql(expr, lo, hi, k as Bounds)}, FALSE)`);
    return (r) => {
      const observed = fromJson(r.agg(value));
      return aggregateOutcome(observed, r.agg(ok) === true, n(r));
    };
  };
}
export const min = extreme('min');
export const max: Builder<'expect_column_max_to_be_between'> = extreme('max');

/**
 * Quantiles as GE's pandas engine: `Series.quantile(q, interpolation="nearest")` by default. pandas goes
 * through np.percentile(q * 100), so q is round-tripped the same way here, and the index is numpy's
 * (n - 1) * q with round-half-to-even for "nearest". Discrete picks read a sorted list of the column.
 */
export const quantiles: Builder<'expect_column_quantile_values_to_be_between'> = (k, ctx) => {
  const col = numericColumn(ctx, k.column, 'quantiles', false);
  const { quantiles: qs, value_ranges: ranges } = k.quantile_ranges;
  const how = typeof k.allow_relative_error === 'string' ? k.allow_relative_error : 'nearest';
  const x = `CAST(${ident(col.name)} AS DOUBLE)`;
  const sorted = `(list(${x} ORDER BY ${x}) FILTER (WHERE ${x} IS NOT NULL))`;
  const at = (i: string) => `list_extract(${sorted}, CAST(${i} AS BIGINT) + 1)`;
  const exprs = qs.map((q) => {
    const qq = dbl((q * 100) / 100);
    if (how === 'linear') return `quantile_cont(${x}, ${qq})`;
    const idx = `(CAST(count(${x}) - 1 AS DOUBLE) * ${qq})`;
    if (how === 'lower') return at(`floor(${idx})`);
    if (how === 'higher') return at(`ceil(${idx})`);
    if (how === 'nearest') return at(`round_even(${idx}, 0)`);
    return `(${at(`floor(${idx})`)} + (${at(`ceil(${idx})`)} - ${at(`floor(${idx})`)}) * 0.5)`;
  });
  const n = counts(ctx, col);
  const slot = ctx.agg(`list_value(${exprs.join(', ')})`);
  return (r) => {
    const values = ((r.agg(slot) as unknown[] | null) ?? []).map(finite);
    const details = ranges.map(([lo, hi], i) => {
      const v = values[i] ?? null;
      return v !== null && (lo === null || v >= lo) && (hi === null || v <= hi);
    });
    const c = n(r);
    return {
      success: details.every(Boolean),
      result: {
        observed_value: { quantiles: qs, values: qs.map((_, i) => values[i] ?? null) },
        element_count: c.element,
        missing_count: c.element - c.nonnull,
        details: { success_details: details, interpolation: how },
      },
    };
  };
};

export const uniqueValueCount: Builder<'expect_column_unique_value_count_to_be_between'> = (k, ctx) => {
  const col = ctx.column(k.column);
  const n = counts(ctx, col);
  const slot = ctx.agg(`count(DISTINCT ${ident(col.name)})`);
  return (r) => {
    const value = count(r.agg(slot));
    return aggregateOutcome(value, numberBetween(value, k), n(r));
  };
};

/** Distinct non-null values / non-null values; 0 for a column with no values (as GE). */
export const proportionUnique: Builder<'expect_column_proportion_of_unique_values_to_be_between'> = (
  k,
  ctx,
) => {
  const col = ctx.column(k.column);
  const n = counts(ctx, col);
  const slot = ctx.agg(`count(DISTINCT ${ident(col.name)})`);
  return (r) => {
    const c = n(r);
    const value = c.nonnull > 0 ? count(r.agg(slot)) / c.nonnull : 0;
    return aggregateOutcome(value, numberBetween(value, k), c);
  };
};
