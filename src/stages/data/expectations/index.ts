/**
 * Great Expectations-style expectations evaluated by DuckDB: GE's names, kwargs, semantics and result
 * shape (`{ success, result: { element_count, unexpected_count, unexpected_percent, partial_unexpected_list,
 * observed_value, ... } }`), for one table at a time.
 *
 * Planning: all aggregates of all expectations go into ONE SELECT (one scan); samples, capped distinct
 * values and duplicate counts go into ONE follow-up UNION ALL query. A list of any length costs at most
 * two queries (plus per-expectation retries only when a combined query fails).
 *
 * Nulls, as GE:
 * - map expectations look at non-null values only: `mostly` is over non-null values, unexpected_percent
 *   (= unexpected_percent_nonmissing, GE ≥ 0.15) is over non-null values, unexpected_percent_total over
 *   all rows; a column with no non-null values passes vacuously.
 * - expect_column_values_to_(not_)be_null count over all rows and carry no missing_count (GE passes no
 *   non-null count for them); the partial list of not_be_null is nulls.
 * - column pairs and compound columns drop rows per `ignore_row_if`; in a pair, a null on one side is not
 *   "greater", so it is unexpected (pandas compares NaN as False). Compound uniqueness groups nulls together.
 * - aggregates skip nulls; a statistic that does not exist (no values; stdev of one value) is null and
 *   fails. The sum of no values is 0, as pandas.
 *
 * Where DuckDB and pandas differ:
 * - NaN in a DOUBLE column is a value for DuckDB, missing for pandas: it counts as non-null, is
 *   unexpected for between, sorts above every number, and makes mean/stdev/sum NaN (reported as null).
 * - regexes are RE2 (DuckDB's engine), not Python's `re`: no lookaround or backreferences; matching is a
 *   search anywhere in the value, like `str.contains`. Non-text columns are matched as DuckDB's text.
 * - value_set entries are compared in the column's type (numbers with numeric columns, text with text
 *   columns, TRY_CAST otherwise); pandas compares Python objects without coercion.
 * - column types are DuckDB's, inferred by its CSV reader; see type-names.ts for the type aliases.
 * - value lengths are in Unicode code points, as Python's len().
 *
 * Results never hold NaN or Infinity: such values become null, with the reason in details.
 */
import type { ExpectationConfig, ExpectationType } from '../../../config/stages/data-expectations.js';
import type { Table } from '../duckdb/index.js';
import * as agg from './aggregate.js';
import { klDivergence } from './kl.js';
import * as map from './map.js';
import * as multi from './multicolumn.js';
import { type Builder, execute, type Finisher, Plan, PlanContext } from './plan.js';
import * as sets from './sets.js';
import * as table from './table.js';
import {
  ExpectationError,
  type ExpectationResult,
  type Outcome,
  type RunExpectationsOptions,
} from './types.js';

export type { ExpectationResult, ResultBody, RunExpectationsOptions } from './types.js';

const builders: { [T in ExpectationType]: Builder<T> } = {
  expect_table_row_count_to_be_between: table.rowCountBetween,
  expect_table_row_count_to_equal: table.rowCountEqual,
  expect_table_columns_to_match_ordered_list: table.columnsOrdered,
  expect_table_columns_to_match_set: table.columnsSet,
  expect_column_to_exist: table.columnExists,
  expect_column_values_to_be_of_type: table.ofType,
  expect_column_values_to_be_in_type_list: table.inTypeList,
  expect_column_values_to_not_be_null: map.notBeNull,
  expect_column_values_to_be_null: map.beNull,
  expect_column_values_to_be_unique: map.beUnique,
  expect_column_values_to_be_in_set: map.inSet,
  expect_column_values_to_not_be_in_set: map.notInSet,
  expect_column_values_to_be_between: map.valuesBetween,
  expect_column_values_to_match_regex: map.matchRegex,
  expect_column_values_to_not_match_regex: map.notMatchRegex,
  expect_column_value_lengths_to_be_between: map.lengthsBetween,
  expect_column_value_lengths_to_equal: map.lengthsEqual,
  expect_column_mean_to_be_between: agg.mean,
  expect_column_median_to_be_between: agg.median,
  expect_column_stdev_to_be_between: agg.stdev,
  expect_column_min_to_be_between: agg.min,
  expect_column_max_to_be_between: agg.max,
  expect_column_sum_to_be_between: agg.sum,
  expect_column_quantile_values_to_be_between: agg.quantiles,
  expect_column_distinct_values_to_be_in_set: sets.distinctInSet,
  expect_column_distinct_values_to_contain_set: sets.distinctContainSet,
  expect_column_distinct_values_to_equal_set: sets.distinctEqualSet,
  expect_column_proportion_of_unique_values_to_be_between: agg.proportionUnique,
  expect_column_unique_value_count_to_be_between: agg.uniqueValueCount,
  expect_column_kl_divergence_to_be_less_than: klDivergence,
  expect_compound_columns_to_be_unique: multi.compoundUnique,
  expect_column_pair_values_a_to_be_greater_than_b: multi.pairGreater,
};

/** The column(s) an expectation is about, for messages. */
function subject(e: ExpectationConfig): string {
  const k = e.kwargs as Record<string, unknown>;
  if (typeof k.column === 'string') return ` (column "${k.column}")`;
  if (typeof k.column_A === 'string') return ` (columns "${k.column_A}", "${k.column_B}")`;
  if (Array.isArray(k.column_list) && e.type === 'expect_compound_columns_to_be_unique') {
    return ` (columns ${k.column_list.map((c) => `"${c}"`).join(', ')})`;
  }
  return '';
}

/**
 * Evaluates expectations against one table, one result per expectation in order. A failure to evaluate
 * one (missing column, type that does not fit, regex RE2 rejects) is that result's `exception`.
 */
export async function runExpectations(
  source: Table,
  expectations: readonly ExpectationConfig[],
  options: RunExpectationsOptions = {},
): Promise<ExpectationResult[]> {
  const partialLimit = options.partialLimit ?? 20;
  const distinctLimit = options.distinctLimit ?? 1000;
  const plan = new Plan(source);
  const planned = expectations.map((e) => {
    const ctx = new PlanContext(plan, `${source.file}: ${e.type}${subject(e)}`, partialLimit, distinctLimit);
    try {
      const build = builders[e.type] as Builder<ExpectationType>;
      return {
        ctx,
        finish: build(e.kwargs as never, ctx) as Finisher<Outcome> | undefined,
        error: undefined,
      };
    } catch (err) {
      return { ctx, finish: undefined, error: messageOf(err, ctx) };
    }
  });
  const live = planned.filter((p) => p.finish).map((p) => p.ctx);
  const { reader, failed } = await execute(plan, live);
  return expectations.map((e, i) => {
    const p = planned[i] as (typeof planned)[number];
    const base = { type: e.type, kwargs: finiteKwargs(e.kwargs), ...(e.meta ? { meta: e.meta } : {}) };
    const queryError = failed.get(p.ctx);
    let error =
      p.error ??
      (queryError === undefined
        ? undefined
        : `${p.ctx.label}: ${p.ctx.explain(stripFile(queryError, source.file))}`);
    if (error === undefined && p.finish) {
      try {
        return { ...base, ...p.finish(reader) };
      } catch (err) {
        error = messageOf(err, p.ctx);
      }
    }
    return {
      ...base,
      success: false,
      result: {},
      exception: { message: error ?? `${p.ctx.label}: not evaluated` },
    };
  });
}

/** The kwargs echoed JSON-safe: infinite bin edges as GE's JSON spells them ("-Infinity"), which parse back. */
function finiteKwargs<T>(value: T): T {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value) as T;
  if (Array.isArray(value)) return value.map(finiteKwargs) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finiteKwargs(v)])) as T;
  }
  return value;
}

function messageOf(err: unknown, ctx: PlanContext): string {
  if (err instanceof ExpectationError && err.message.startsWith(`${ctx.label}: `)) return err.message;
  return `${ctx.label}: ${(err as Error)?.message ?? String(err)}`;
}

function stripFile(message: string, file: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
