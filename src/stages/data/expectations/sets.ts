/**
 * The distinct-value expectations (in set, contain set, equal set). Whether every value is in the set
 * and which set entries occur are aggregates of the one scan, so they are exact however many distinct
 * values there are; observed_value (GE: the sorted distinct values) and value_counts come from one capped
 * GROUP BY in the follow-up query.
 */

import type { ExpectationKwargs } from '../../../config/stages/data-expectations.js';
import { ident } from '../duckdb/index.js';
import type { Builder, BuildFn } from './plan.js';
import { count, jsonOf, setSql } from './sql.js';

type Mode = 'in' | 'contain' | 'equal';

function distinctSet(mode: Mode): BuildFn<ExpectationKwargs<'expect_column_distinct_values_to_be_in_set'>> {
  return (k, ctx) => {
    const col = ctx.column(k.column);
    const c = ident(col.name);
    const s = setSql(k.value_set, col);
    // Entries that coerce to the same SQL value count once; entries that do not coerce never occur.
    const items = [...new Set(s.items.filter((i) => i !== 'NULL'))];
    const list = `CAST([${items.join(', ')}] AS ${s.type}[])`;
    const inList = `coalesce(list_contains(${list}, ${s.expr}), FALSE)`;
    const rows = ctx.agg('count(*)');
    const nonnull = ctx.agg(`count(${c})`);
    const outside = ctx.agg(`count(*) FILTER (WHERE ${c} IS NOT NULL AND NOT ${inList})`);
    const present = ctx.agg(
      `list_distinct(list(list_position(${list}, ${s.expr})) FILTER (WHERE ${c} IS NOT NULL AND ${inList}))`,
    );
    const cap = ctx.distinctLimit;
    const distinct = ctx.branch({
      v: jsonOf(c),
      n: 'count(*)',
      p: `row_number() OVER (ORDER BY ${c})`,
      q: `CAST(${inList} AS INTEGER)`,
      tail: `FROM ${ctx.view} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY ${c} LIMIT ${cap + 1}`,
    });
    return (r) => {
      const found = new Set(((r.agg(present) as unknown[] | null) ?? []).map((i) => items[Number(i) - 1]));
      const missingValues = k.value_set.filter((_, i) => !found.has(s.items[i]));
      const unexpectedRows = count(r.agg(outside));
      const groups = [...r.rows(distinct)].sort((a, b) => (a.p ?? 0) - (b.p ?? 0));
      const shown = groups.slice(0, cap);
      const success =
        (mode === 'contain' || unexpectedRows === 0) && (mode === 'in' || missingValues.length === 0);
      const element = count(r.agg(rows));
      const details: Record<string, unknown> = {
        value_counts: shown.map((g) => ({ value: g.v, count: g.n ?? 0 })),
      };
      if (mode !== 'contain' && unexpectedRows > 0) {
        details.unexpected_values = shown.filter((g) => g.q === 0).map((g) => g.v);
        details.unexpected_row_count = unexpectedRows;
      }
      if (mode !== 'in' && missingValues.length > 0) details.missing_values = missingValues;
      if (groups.length > cap) {
        details.truncated = `more than ${cap} distinct values; observed_value lists the first ${cap} (raise distinctLimit to see more)`;
      }
      return {
        success,
        result: {
          observed_value: shown.map((g) => g.v),
          element_count: element,
          missing_count: element - count(r.agg(nonnull)),
          details,
        },
      };
    };
  };
}

export const distinctInSet = distinctSet('in');
export const distinctContainSet: Builder<'expect_column_distinct_values_to_contain_set'> =
  distinctSet('contain');
export const distinctEqualSet: Builder<'expect_column_distinct_values_to_equal_set'> = distinctSet('equal');
