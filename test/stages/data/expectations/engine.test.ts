import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  type ExpectationConfig,
  expectationListSchema,
} from '../../../../src/config/stages/data-expectations.js';
import { type Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import {
  type ExpectationResult,
  type RunExpectationsOptions,
  runExpectations,
} from '../../../../src/stages/data/expectations/index.js';

/**
 * t.parquet, 20 rows written by DuckDB with exact types:
 *   id BIGINT 1..20; name VARCHAR ('n1'..'n20', null at ids 3 and 4); x DOUBLE = id, except NaN at id 5
 *   and null at id 6; d DATE 2024-01-01 + id days; s SMALLINT = id % 4; flag BOOLEAN; dec DECIMAL(5,2) = id / 4;
 *   ts TIMESTAMP; empty INTEGER all null; one DOUBLE = 7 at id 1 only.
 */
let dir: string;
let db: TableDb;
let t: Table;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-expect-engine-'));
  db = await TableDb.open();
  await db.connection.run(`COPY (
    SELECT id::BIGINT AS id,
      CASE WHEN id IN (3, 4) THEN NULL ELSE 'n' || id END AS name,
      CASE WHEN id = 5 THEN 'nan'::DOUBLE WHEN id = 6 THEN NULL ELSE id::DOUBLE END AS x,
      DATE '2024-01-01' + id::INTEGER AS d,
      (id % 4)::SMALLINT AS s,
      id % 2 = 0 AS flag,
      (id / 4)::DECIMAL(5,2) AS dec,
      TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (id) HOUR AS ts,
      NULL::INTEGER AS empty,
      CASE WHEN id = 1 THEN 7.0 END::DOUBLE AS one
    FROM range(1, 21) r(id)) TO '${path.join(dir, 't.parquet')}' (FORMAT parquet)`);
  await db.connection.run(
    `COPY (SELECT * FROM range(0) r(id)) TO '${path.join(dir, 'zero.parquet')}' (FORMAT parquet)`,
  );
  t = await db.table('t.parquet', dir);
});
afterAll(() => db.close());

const parse = (list: unknown[]): ExpectationConfig[] => expectationListSchema.parse(list);

async function run(list: unknown[], options?: RunExpectationsOptions, table = t) {
  const spy = vi.spyOn(table, 'query');
  const results = await runExpectations(table, parse(list), options);
  const queries = spy.mock.calls.length;
  spy.mockRestore();
  return { results, queries };
}

const one = async (e: unknown, options?: RunExpectationsOptions) =>
  (await run([e], options)).results[0] as ExpectationResult;

describe("a failure in one expectation is that expectation's exception; the others still run", () => {
  it('names the file, the column and what is wrong, and keeps every other result', async () => {
    const { results, queries } = await run([
      { expect_column_values_to_not_be_null: { column: 'name' } },
      { expect_column_values_to_be_between: { column: 'nope', min_value: 1 } },
      { expect_column_values_to_match_regex: { column: 'name', regex: '(abc' } },
      { expect_column_values_to_be_between: { column: 'name', min_value: 1 } },
      { expect_column_value_lengths_to_equal: { column: 'id', value: 2 } },
      {
        expect_column_quantile_values_to_be_between: {
          column: 'name',
          quantile_ranges: { quantiles: [0.5], value_ranges: [[0, 1]] },
        },
      },
      { expect_column_values_to_be_between: { column: 'd', min_value: '2024-13-45' } },
      { expect_column_pair_values_a_to_be_greater_than_b: { column_A: 'name', column_B: 'id' } },
      { expect_column_min_to_be_between: { column: 'd', min_value: 3 } },
      { expect_column_values_to_not_match_regex: { column: 'name', regex: '(?<=n)1' } },
      { expect_column_mean_to_be_between: { column: 'id', min_value: 10, max_value: 11 } },
    ]);
    const messages = results.map((r) => r.exception?.message);
    expect(messages[0]).toBeUndefined();
    expect(messages[1]).toBe(
      't.parquet: expect_column_values_to_be_between (column "nope"): column "nope" is not in t.parquet; its columns: id, name, x, d, s, flag, dec, ts, empty, one',
    );
    expect(messages[2]).toMatch(
      /^t\.parquet: expect_column_values_to_match_regex \(column "name"\): regex "\(abc" for column "name" does not compile or run as RE2 .*: Invalid Input Error: missing \): \(abc/,
    );
    expect(messages[3]).toBe(
      't.parquet: expect_column_values_to_be_between (column "name"): values of column "name": min_value 1 is a number but column "name" is VARCHAR',
    );
    expect(messages[4]).toBe(
      't.parquet: expect_column_value_lengths_to_equal (column "id"): column "id" is BIGINT; a length check needs a text (VARCHAR) column',
    );
    expect(messages[5]).toMatch(/column "name" is VARCHAR; quantiles needs a numeric column$/);
    expect(messages[6]).toMatch(
      /^t\.parquet: expect_column_values_to_be_between \(column "d"\): DuckDB could not evaluate it: Conversion Error: .*2024-13-45/,
    );
    expect(messages[7]).toBe(
      't.parquet: expect_column_pair_values_a_to_be_greater_than_b (columns "name", "id"): columns "name" (VARCHAR) and "id" (BIGINT) cannot be compared',
    );
    expect(messages[8]).toMatch(/min_value 3 is a number but column "d" is DATE/);
    expect(messages[9]).toMatch(/RE2 .*invalid perl operator: \(\?</);
    for (const r of results.filter((x) => x.exception))
      expect(r).toMatchObject({ success: false, result: {} });
    expect(results[0]).toMatchObject({ success: false, result: { unexpected_count: 2 } });
    expect(results[10]).toMatchObject({ success: true, result: { observed_value: 10.5 } });
    // The combined scan failed (bad regex, bad date): 1 + one retry per expectation with aggregates
    // (0, 2, 6, 9, 10); the survivors (0, 10) need no follow-up.
    expect(queries).toBe(1 + 5);
  });

  it('reports an exception for expectations whose options conflict, as GE', async () => {
    const r = await one({
      expect_column_kl_divergence_to_be_less_than: {
        column: 'name',
        partition_object: { values: ['n1'], weights: [1] },
        internal_weight_holdout: 0.1,
      },
    });
    expect(r.exception?.message).toBe(
      't.parquet: expect_column_kl_divergence_to_be_less_than (column "name"): internal_weight_holdout cannot be used with a categorical partition',
    );
  });
});

describe('query planning', () => {
  it('runs table-level column checks without a query, aggregates in one, samples in a second', async () => {
    const columns = [
      { expect_column_to_exist: { column: 'id' } },
      { expect_column_values_to_be_of_type: { column: 'id', type_: 'int' } },
    ];
    expect((await run(columns)).queries).toBe(0);
    const aggregates = [
      { expect_table_row_count_to_equal: { value: 20 } },
      { expect_column_mean_to_be_between: { column: 'id', min_value: 0 } },
      { expect_column_values_to_not_be_null: { column: 'id' } },
    ];
    expect((await run(aggregates)).queries).toBe(1);
    const withSamples = [
      ...aggregates,
      { expect_column_values_to_be_in_set: { column: 's', value_set: [0, 1] } },
    ];
    expect((await run(withSamples)).queries).toBe(2);
    expect((await run(withSamples, { partialLimit: 0 })).queries).toBe(1);
  });

  it('shares aggregates between expectations (count(*) and count(column) once each)', async () => {
    const spy = vi.spyOn(t, 'query');
    await runExpectations(
      t,
      parse([
        { expect_column_values_to_not_be_null: { column: 'x' } },
        { expect_column_mean_to_be_between: { column: 'x', min_value: 0 } },
        { expect_table_row_count_to_be_between: { min_value: 1 } },
      ]),
    );
    const sql = spy.mock.calls[0]?.[0] ?? '';
    spy.mockRestore();
    expect(sql.match(/count\(\*\)/g)).toHaveLength(1);
    expect(sql.match(/count\("x"\)/g)).toHaveLength(1);
  });
});

describe('GE semantics', () => {
  it('mostly: the share of non-null values that are expected, inclusive', async () => {
    // s = id % 4: five zeros among 20 values → 15/20 = 0.75 expected.
    const at = async (mostly: number) =>
      (await one({ expect_column_values_to_not_be_in_set: { column: 's', value_set: [0], mostly } })).success;
    expect(await at(0.75)).toBe(true);
    expect(await at(0.76)).toBe(false);
    const r = await one({
      expect_column_values_to_match_regex: { column: 'name', regex: '^n1', mostly: 0.5 },
    });
    // 18 non-null names, n1 and n10..n19 match: 11/18.
    expect(r.result).toMatchObject({ element_count: 20, missing_count: 2, unexpected_count: 7 });
    expect(r.result.unexpected_percent).toBeCloseTo((7 / 18) * 100, 12);
    expect(r.result.unexpected_percent_total).toBeCloseTo((7 / 20) * 100, 12);
    expect(r.success).toBe(true);
  });

  it('strict_min / strict_max exclude the bounds', async () => {
    const loose = await one({
      expect_column_values_to_be_between: { column: 'id', min_value: 1, max_value: 20 },
    });
    const strict = await one({
      expect_column_values_to_be_between: {
        column: 'id',
        min_value: 1,
        max_value: 20,
        strict_min: true,
        strict_max: true,
      },
    });
    expect(loose.result.unexpected_count).toBe(0);
    expect(strict.result).toMatchObject({ unexpected_count: 2, partial_unexpected_list: [1, 20] });
    const max = await one({
      expect_column_max_to_be_between: { column: 'id', max_value: 20, strict_max: true },
    });
    expect(max).toMatchObject({ success: false, result: { observed_value: 20 } });
    const rows = await one({ expect_table_row_count_to_be_between: { max_value: 20, strict_max: true } });
    expect(rows).toMatchObject({ success: false, result: { observed_value: 20 } });
  });

  it('nulls: map expectations skip them; the null expectations count all rows; aggregates skip them', async () => {
    const empty = await one({ expect_column_values_to_be_between: { column: 'empty', min_value: 0 } });
    expect(empty).toMatchObject({
      success: true,
      result: { element_count: 20, missing_count: 20, unexpected_count: 0 },
    });
    expect(empty.result.unexpected_percent).toBeNull();
    const notNull = await one(
      { expect_column_values_to_not_be_null: { column: 'empty' } },
      { partialLimit: 3 },
    );
    expect(notNull).toEqual(
      expect.objectContaining({
        success: false,
        result: {
          element_count: 20,
          unexpected_count: 20,
          unexpected_percent: 100,
          partial_unexpected_list: [null, null, null],
        },
      }),
    );
    expect((await one({ expect_column_values_to_be_null: { column: 'empty' } })).success).toBe(true);
    const mean = await one({ expect_column_mean_to_be_between: { column: 'empty', min_value: 0 } });
    expect(mean).toMatchObject({
      success: false,
      result: {
        observed_value: null,
        element_count: 20,
        missing_count: 20,
        details: { observed_value_note: 'the column has no non-null values' },
      },
    });
    const sum = await one({ expect_column_sum_to_be_between: { column: 'empty', max_value: 0 } });
    expect(sum).toMatchObject({ success: true, result: { observed_value: 0 } });
    const stdev = await one({ expect_column_stdev_to_be_between: { column: 'one', min_value: 0 } });
    expect(stdev.result.observed_value).toBeNull();
    expect(stdev.result.details?.observed_value_note).toMatch(/at least two values/);
    const pair = await one({
      expect_column_pair_values_a_to_be_greater_than_b: { column_A: 'id', column_B: 'empty' },
    });
    expect(pair.result).toMatchObject({ unexpected_count: 20, missing_count: 0 });
    const proportion = await one({
      expect_column_proportion_of_unique_values_to_be_between: { column: 'empty', max_value: 0 },
    });
    expect(proportion).toMatchObject({ success: true, result: { observed_value: 0 } });
  });

  it('an empty table passes map expectations vacuously and has null percentages', async () => {
    const zero = await db.table('zero.parquet', dir);
    const { results } = await run(
      [
        { expect_column_values_to_be_between: { column: 'id', min_value: 0 } },
        { expect_column_values_to_not_be_null: { column: 'id' } },
        { expect_table_row_count_to_equal: { value: 0 } },
      ],
      {},
      zero,
    );
    expect(results[0]).toMatchObject({
      success: true,
      result: { element_count: 0, unexpected_percent: null, missing_percent: null },
    });
    expect(results[1]).toMatchObject({
      success: true,
      result: { element_count: 0, unexpected_percent: null },
    });
    expect(results[2]?.success).toBe(true);
  });

  it('NaN is a value for DuckDB: never NaN in results, null with the reason', async () => {
    const { results } = await run([
      { expect_column_mean_to_be_between: { column: 'x', min_value: 0 } },
      { expect_column_values_to_be_between: { column: 'x', min_value: 0, max_value: 100 } },
      { expect_column_max_to_be_between: { column: 'x', max_value: 100 } },
    ]);
    const walk = (v: unknown): void => {
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(results);
    expect(results[0]?.result).toMatchObject({ observed_value: null, missing_count: 1 });
    expect(results[0]?.result.details?.observed_value_note).toMatch(/not finite/);
    expect(results[1]?.result).toMatchObject({ unexpected_count: 1, partial_unexpected_list: [null] });
    expect(results[2]).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('partial_unexpected_list holds at most partialLimit values', async () => {
    const r = await one(
      { expect_column_values_to_be_in_set: { column: 'id', value_set: [] } },
      { partialLimit: 2 },
    );
    expect(r.result).toMatchObject({ unexpected_count: 20, partial_unexpected_list: [1, 2] });
    const dflt = await one({ expect_column_values_to_be_in_set: { column: 'id', value_set: [] } });
    expect(dflt.result.partial_unexpected_list).toHaveLength(20);
  });

  it("compares value_set entries in the column's type", async () => {
    const num = await one({
      expect_column_values_to_be_in_set: { column: 's', value_set: ['0', 1, 2, 3.5, 'x'] },
    });
    expect(num.result.unexpected_count).toBe(5); // the 3s
    const text = await one({
      expect_column_values_to_not_be_in_set: { column: 'name', value_set: ['n1', 2] },
    });
    expect(text.result).toMatchObject({ unexpected_count: 1, partial_unexpected_list: ['n1'] }); // 2 is "2"
    const date = await one({
      expect_column_values_to_be_in_set: { column: 'd', value_set: ['2024-01-02', 'not a date'] },
    });
    expect(date.result.unexpected_count).toBe(19);
    const dec = await one({
      expect_column_distinct_values_to_contain_set: { column: 'dec', value_set: [0.25, 1.25, 9] },
    });
    expect(dec).toMatchObject({ success: false, result: { details: { missing_values: [9] } } });
  });

  it('distinct values: observed_value is sorted and capped by distinctLimit', async () => {
    const r = await one(
      { expect_column_distinct_values_to_be_in_set: { column: 's', value_set: [0, 1, 2] } },
      { distinctLimit: 2 },
    );
    expect(r).toMatchObject({
      success: false,
      result: {
        observed_value: [0, 1],
        details: {
          value_counts: [
            { value: 0, count: 5 },
            { value: 1, count: 5 },
          ],
          unexpected_row_count: 5,
        },
      },
    });
    expect(r.result.details?.truncated).toMatch(/more than 2 distinct values/);
  });

  it('dates and timestamps compare with text bounds in their own type', async () => {
    const { results } = await run([
      { expect_column_min_to_be_between: { column: 'd', min_value: '2024-01-02', max_value: '2024-01-02' } },
      { expect_column_max_to_be_between: { column: 'ts', max_value: '2024-01-01 20:00:00' } },
      { expect_column_values_to_be_between: { column: 'd', max_value: '2024-01-10', strict_max: true } },
    ]);
    expect(results[0]).toMatchObject({ success: true, result: { observed_value: '2024-01-02' } });
    expect(results[1]).toMatchObject({ success: true, result: { observed_value: '2024-01-01 20:00:00' } });
    expect(results[2]?.result.unexpected_count).toBe(12); // 2024-01-10 .. 2024-01-21
  });

  it('checks column types by DuckDB name or alias', async () => {
    const typeOf = async (column: string, type_: string) =>
      (await one({ expect_column_values_to_be_of_type: { column, type_ } })).success;
    for (const alias of ['int', 'integer', 'INT64', 'BIGINT', 'number'])
      expect(await typeOf('id', alias)).toBe(true);
    expect(await typeOf('id', 'SMALLINT')).toBe(false);
    expect(await typeOf('s', 'smallint')).toBe(true);
    for (const alias of ['float', 'double', 'float64']) expect(await typeOf('x', alias)).toBe(true);
    expect(await typeOf('x', 'int')).toBe(false);
    for (const alias of ['str', 'string', 'VARCHAR']) expect(await typeOf('name', alias)).toBe(true);
    expect(await typeOf('flag', 'bool')).toBe(true);
    expect(await typeOf('d', 'date')).toBe(true);
    expect(await typeOf('ts', 'datetime64[ns]')).toBe(true);
    expect(await typeOf('dec', 'DECIMAL')).toBe(true);
    expect(await typeOf('dec', 'decimal(5, 2)')).toBe(true);
    const list = await one({
      expect_column_values_to_be_in_type_list: { column: 'x', type_list: ['int', 'str'] },
    });
    expect(list).toMatchObject({ success: false, result: { observed_value: 'DOUBLE' } });
  });

  it('expect_column_to_exist honours column_index', async () => {
    expect((await one({ expect_column_to_exist: { column: 'name', column_index: 1 } })).success).toBe(true);
    const wrong = await one({ expect_column_to_exist: { column: 'name', column_index: 0 } });
    expect(wrong).toMatchObject({
      success: false,
      result: { details: { columns: expect.arrayContaining(['id']) } },
    });
  });

  it('KL divergence: YAML infinite edges, numeric categories, and a null threshold that only reports', async () => {
    const [cont, cat] = parse(
      parseYaml(`
- expect_column_kl_divergence_to_be_less_than:
    column: id
    partition_object: { bins: [-.inf, 10.5, .inf], weights: [0.5, 0.5] }
- expect_column_kl_divergence_to_be_less_than:
    column: s
    partition_object: { values: [0, 1, 2, 3], weights: [0.25, 0.25, 0.25, 0.25] }
    threshold: 0
`),
    );
    const { results } = await run([cont, cat].map((e) => ({ expectation_type: e?.type, kwargs: e?.kwargs })));
    expect(results[0]).toMatchObject({ success: true, result: { observed_value: 0 } });
    expect(results[0]?.result.details).toMatchObject({
      observed_partition: { bins: [10.5], weights: [], tail_weights: [0.5, 0.5] },
    });
    expect(results[1]).toMatchObject({ success: true, result: { observed_value: 0 } });
  });
});
