/**
 * Table-level expectations (row count, columns) and the column-type expectations. Columns and their
 * types are known once the table is opened, so only the row count costs an aggregate.
 */
import type { Builder } from './plan.js';
import { numberBetween } from './results.js';
import { count } from './sql.js';
import { typeMatches } from './type-names.js';

export const rowCountBetween: Builder<'expect_table_row_count_to_be_between'> = (k, ctx) => {
  const rows = ctx.agg('count(*)');
  return (r) => {
    const n = count(r.agg(rows));
    return { success: numberBetween(n, k), result: { observed_value: n } };
  };
};

export const rowCountEqual: Builder<'expect_table_row_count_to_equal'> = (k, ctx) => {
  const rows = ctx.agg('count(*)');
  return (r) => {
    const n = count(r.agg(rows));
    return { success: n === k.value, result: { observed_value: n } };
  };
};

export const columnsOrdered: Builder<'expect_table_columns_to_match_ordered_list'> = (k, ctx) => {
  const actual = ctx.table.columns.map((c) => c.name);
  return () => {
    const size = Math.max(actual.length, k.column_list.length);
    const mismatched = [];
    for (let i = 0; i < size; i++) {
      const expected = k.column_list[i] ?? null;
      const found = actual[i] ?? null;
      if (expected !== found)
        mismatched.push({ 'Expected Column Position': i, Expected: expected, Found: found });
    }
    if (mismatched.length === 0) return { success: true, result: { observed_value: actual } };
    return { success: false, result: { observed_value: actual, details: { mismatched } } };
  };
};

export const columnsSet: Builder<'expect_table_columns_to_match_set'> = (k, ctx) => {
  const actual = ctx.table.columns.map((c) => c.name);
  return () => {
    const expected = new Set(k.column_set);
    const have = new Set(actual);
    const unexpected = actual.filter((c) => !expected.has(c)).sort();
    const missing = [...expected].filter((c) => !have.has(c)).sort();
    const mismatched: Record<string, string[]> = {};
    if (unexpected.length > 0) mismatched.unexpected = unexpected;
    if (missing.length > 0) mismatched.missing = missing;
    const success = missing.length === 0 && (!k.exact_match || unexpected.length === 0);
    return {
      success,
      result: {
        observed_value: [...actual].sort(),
        ...(missing.length + unexpected.length > 0 ? { details: { mismatched } } : {}),
      },
    };
  };
};

export const columnExists: Builder<'expect_column_to_exist'> = (k, ctx) => {
  const actual = ctx.table.columns.map((c) => c.name);
  return () => {
    const index = actual.indexOf(k.column);
    const success = k.column_index == null ? index >= 0 : actual[k.column_index] === k.column;
    return success ? { success, result: {} } : { success, result: { details: { columns: actual } } };
  };
};

/** GE's SQL semantics: the column's declared type is checked once (DuckDB columns are typed). */
export const ofType: Builder<'expect_column_values_to_be_of_type'> = (k, ctx) => {
  const col = ctx.column(k.column);
  return () => ({ success: typeMatches(col.type, k.type_), result: { observed_value: col.type } });
};

export const inTypeList: Builder<'expect_column_values_to_be_in_type_list'> = (k, ctx) => {
  const col = ctx.column(k.column);
  return () => ({
    success: k.type_list.some((t) => typeMatches(col.type, t)),
    result: { observed_value: col.type },
  });
};
