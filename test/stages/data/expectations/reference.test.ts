import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseGeSuiteJson } from '../../../../src/config/stages/data-expectations.js';
import { type Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { type ExpectationResult, runExpectations } from '../../../../src/stages/data/expectations/index.js';

/**
 * data.csv, suite.json and reference.json come from test/fixtures/data/expectations/make_reference.py,
 * which computes with pandas/numpy/scipy what GE's pandas engine reports for each expectation of the
 * suite. Every number must agree to 1e-9 relative; lists and successes exactly.
 */
const FIX = path.resolve(import.meta.dirname, '../../../fixtures/data/expectations');
const suite = parseGeSuiteJson(readFileSync(path.join(FIX, 'suite.json'), 'utf8'), 'suite.json');
const reference: { type: string; success: boolean; result: Record<string, unknown> }[] = JSON.parse(
  readFileSync(path.join(FIX, 'reference.json'), 'utf8'),
);

/** `actual` holds every field of `expected` (numbers to 1e-9 relative); returns the paths that differ. */
function differences(actual: unknown, expected: unknown, at = ''): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const ok =
      expected === 0 ? Math.abs(actual) < 1e-12 : Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);
    return ok ? [] : [`${at}: ${actual} != ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [`${at}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
    }
    return expected.flatMap((e, i) => differences(actual[i], e, `${at}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${at}: missing`];
    return Object.entries(expected).flatMap(([k, v]) =>
      differences((actual as Record<string, unknown>)[k], v, `${at}.${k}`),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${at}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
}

let dir: string;
let db: TableDb;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-expectations-'));
  db = await TableDb.open();
  const csv = await db.table('data.csv', FIX);
  await csv.query(`COPY (SELECT * FROM ${csv.view}) TO '${path.join(dir, 'data.parquet')}' (FORMAT parquet)`);
});
afterAll(() => db.close());

describe.each(['csv', 'parquet'])('the GE suite over data.%s matches GE pandas reference values', (kind) => {
  let table: Table;
  let results: ExpectationResult[];
  let queries: string[];

  beforeAll(async () => {
    table = await db.table(`data.${kind}`, kind === 'csv' ? FIX : dir);
    const spy = vi.spyOn(table, 'query');
    results = await runExpectations(table, suite.expectations);
    queries = spy.mock.calls.map((c) => c[0]);
    spy.mockRestore();
  });

  it('reads the suite: its name and every expectation, normalised', () => {
    expect(suite.name).toBe('people');
    expect(suite.expectations).toHaveLength(reference.length);
    expect(suite.expectations.map((e) => e.type)).toEqual(reference.map((r) => r.type));
  });

  it.each(reference.map((r, i) => [i, r.type] as const))('%i %s', (i) => {
    const got = results[i] as ExpectationResult;
    const want = reference[i] as (typeof reference)[number];
    expect(got.exception).toBeUndefined();
    expect(got.success).toBe(want.success);
    const result = { ...want.result };
    // Rows whose values are duplicated: compared as multisets (DuckDB may sample them in another order).
    if (
      got.type === 'expect_column_values_to_be_unique' ||
      got.type === 'expect_compound_columns_to_be_unique'
    ) {
      const sort = (l: unknown) => (l as unknown[]).map((x) => JSON.stringify(x)).sort();
      expect(sort(got.result.partial_unexpected_list)).toEqual(sort(result.partial_unexpected_list));
      delete result.partial_unexpected_list;
    }
    expect(differences(got.result, result)).toEqual([]);
  });

  it('runs the whole suite (50 expectations) in two queries: one aggregate scan, one follow-up', () => {
    expect(queries).toHaveLength(2);
    expect(queries[0]).toMatch(/^SELECT .* FROM t\d+$/s);
    expect(queries[1]).toContain(' UNION ALL ');
  });

  it('holds no NaN or Infinity anywhere (infinite bin edges in kwargs are echoed as GE JSON spells them)', () => {
    expect(JSON.stringify(results.map((r) => r.result))).not.toMatch(/NaN|Infinity/);
    const kl = results.find((r) => JSON.stringify(r.kwargs).includes('Infinity'));
    expect(kl?.kwargs).toMatchObject({ partition_object: { bins: ['-Infinity', 45, 55, 60] } });
    const walk = (v: unknown): void => {
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(results);
  });
});
