/**
 * Expectations of one table as checks: one check per expectation, with Great Expectations' result
 * (element_count, unexpected_count, unexpected_percent, partial_unexpected_list, observed_value) as its
 * evidence, so a person who knows GE reads it as they would a GE validation result.
 */
import type { ExpectationConfig } from '../../../config/stages/data-expectations.js';
import type { CheckOutcome, StageContext } from '../../types.js';
import type { Table } from '../duckdb/index.js';
import { type ExpectationResult, runExpectations } from '../expectations/index.js';
import { num } from './names.js';

const BOUND_KEYS = ['value', 'min_value', 'max_value', 'value_set', 'regex', 'type_', 'threshold'] as const;

/** The kwargs that say what was expected, short: `min_value=0, max_value=120, mostly=0.99`. */
function expected(kwargs: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of [...BOUND_KEYS, 'mostly', 'strict_min', 'strict_max']) {
    const v = kwargs[key];
    if (v === undefined || v === null || v === false || (key === 'mostly' && v === 1)) continue;
    const text = JSON.stringify(v);
    parts.push(`${key}=${text.length > 60 ? `${text.slice(0, 57)}…` : text}`);
  }
  return parts.join(', ');
}

/** One line: the numbers that decided the expectation, against what was expected. */
export function describeExpectation(r: ExpectationResult): string {
  const res = r.result as Record<string, unknown>;
  const want = expected(r.kwargs as Record<string, unknown>);
  if (r.exception) return r.exception.message;
  if (r.type === 'expect_column_values_to_not_be_null' || r.type === 'expect_column_values_to_be_null') {
    // Here the unexpected values are the nulls (or the non-nulls), counted over every row.
    const what = r.type === 'expect_column_values_to_not_be_null' ? 'null' : 'set';
    const pct = typeof res.unexpected_percent === 'number' ? ` (${num(res.unexpected_percent, 2)}%)` : '';
    return `${res.unexpected_count ?? 0} of ${res.element_count ?? 0} values ${what}${pct}${want ? ` [${want}]` : ''}`;
  }
  if (typeof res.unexpected_count === 'number') {
    const nonMissing = Number(res.element_count ?? 0) - Number(res.missing_count ?? 0);
    const pct = typeof res.unexpected_percent === 'number' ? ` (${num(res.unexpected_percent, 2)}%)` : '';
    const sample =
      Array.isArray(res.partial_unexpected_list) && res.partial_unexpected_list.length > 0
        ? `; e.g. ${JSON.stringify(res.partial_unexpected_list.slice(0, 5)).slice(0, 120)}`
        : '';
    return `${res.unexpected_count} of ${nonMissing} non-null values unexpected${pct}${want ? ` [${want}]` : ''}${sample}`;
  }
  const observed = res.observed_value;
  const shown = typeof observed === 'number' ? num(observed) : JSON.stringify(observed ?? null).slice(0, 120);
  return `observed ${shown}${want ? `, expected ${want}` : ''}`;
}

function idOf(table: string, e: ExpectationConfig, seen: Map<string, number>): string {
  const k = e.kwargs as Record<string, unknown>;
  const col =
    typeof k.column === 'string'
      ? `[${k.column}]`
      : Array.isArray(k.column_list)
        ? `[${k.column_list.join(',')}]`
        : '';
  const base = `data.expect.${table}.${e.type}${col}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

/** Runs the expectations (planned into as few scans as possible) and reports one check each. */
export async function checkExpectations(
  ctx: StageContext<'data'>,
  table: Table,
  name: string,
  list: ExpectationConfig[],
  labels: { tags: string[]; priority?: 'P0' | 'P1' | 'P2' | 'P3' | 'P4' },
): Promise<void> {
  const results = await runExpectations(table, list);
  const seen = new Map<string, number>();
  let passed = 0;
  for (const r of results) {
    const k = r.kwargs as Record<string, unknown>;
    const column = typeof k.column === 'string' ? k.column : undefined;
    const id = idOf(name, r as ExpectationConfig, seen);
    if (r.success) passed++;
    const pct = (r.result as Record<string, unknown>).unexpected_percent;
    if (typeof pct === 'number' && Number.isFinite(pct))
      ctx.metric('data.expect.unexpected_percent', 'gauge', pct, {
        table: name,
        expectation: r.type,
        ...(column ? { column } : {}),
      });
    await ctx.check(
      { id, name: `${name}: ${r.type}${column ? ` (${column})` : ''}`, ...labels },
      async () => {
        const evidence = {
          details: {
            expectation_type: r.type,
            kwargs: r.kwargs,
            result: r.result,
            ...(r.exception ? { exception: r.exception } : {}),
          },
        };
        const message = describeExpectation(r);
        if (r.exception) throw Object.assign(new Error(`${table.file}: ${message}`), { evidence });
        const outcome: CheckOutcome = { status: r.success ? 'pass' : 'fail', message, evidence };
        return outcome;
      },
    );
  }
  ctx.table(
    `expectations of ${name}`,
    ['expectation', 'column', 'result', 'unexpected', 'observed'],
    results.map((r) => {
      const k = r.kwargs as Record<string, unknown>;
      const res = r.result as Record<string, unknown>;
      const unexpected =
        typeof res.unexpected_count === 'number'
          ? `${res.unexpected_count} (${num(Number(res.unexpected_percent ?? 0), 2)}%)`
          : '';
      const obs = res.observed_value;
      return [
        r.type.replace(/^expect_/, ''),
        typeof k.column === 'string'
          ? k.column
          : Array.isArray(k.column_list)
            ? k.column_list.join(', ')
            : '',
        r.exception ? 'error' : r.success ? 'pass' : 'FAIL',
        unexpected,
        typeof obs === 'number' ? num(obs) : obs === undefined ? '' : JSON.stringify(obs).slice(0, 40),
      ];
    }),
  );
  ctx.metric('data.expect.success_rate', 'gauge', results.length === 0 ? 1 : passed / results.length, {
    table: name,
  });
}
