import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../../../src/config/errors.js';
import { parseConfig } from '../../../../src/config/load.js';
import {
  type ExpectationConfig,
  expectationListSchema,
  expectationTypes,
  parseGeSuiteJson,
} from '../../../../src/config/stages/data-expectations.js';

const file = z.strictObject({ expectations: expectationListSchema });

/** Parses a YAML file with an `expectations:` list through the suite's error machinery. */
function parseYaml(text: string): ExpectationConfig[] {
  return parseConfig(text, 'data.yaml', file, {}, 'a mapping').value.expectations;
}

function yamlProblems(text: string): string[] {
  try {
    parseYaml(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
  }
  throw new Error('expected the file to be rejected');
}

function suiteProblems(text: string): string[] {
  try {
    parseGeSuiteJson(text, 'suite.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map(
      (p) => `${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`,
    );
  }
  throw new Error('expected the suite to be rejected');
}

describe('expectation schema: two spellings, one normalised shape', () => {
  it('accepts the single-key map and the GE suite form, and normalises both to { type, kwargs }', () => {
    const got = parseYaml(`expectations:
  - expect_column_values_to_not_be_null: { column: age, mostly: 0.99 }
  - expectation_type: expect_column_values_to_not_be_null
    kwargs: { column: age, mostly: 0.99 }
  - type: expect_table_row_count_to_be_between
    kwargs: { min_value: 1 }
    meta: { owner: data-team }
`);
    expect(got[0]).toEqual({
      type: 'expect_column_values_to_not_be_null',
      kwargs: { column: 'age', mostly: 0.99 },
    });
    expect(got[1]).toEqual(got[0]);
    expect(got[2]).toEqual({
      type: 'expect_table_row_count_to_be_between',
      kwargs: { min_value: 1, strict_min: false, strict_max: false },
      meta: { owner: 'data-team' },
    });
  });

  it('writes defaults once, in the schema (mostly 1, exact_match true, ignore_row_if as GE)', () => {
    const [a, b, c] = expectationListSchema.parse([
      { expect_column_values_to_be_unique: { column: 'id' } },
      { expect_table_columns_to_match_set: { column_set: ['a'] } },
      { expect_column_pair_values_a_to_be_greater_than_b: { column_A: 'a', column_B: 'b' } },
    ]);
    expect(a?.kwargs).toEqual({ column: 'id', mostly: 1 });
    expect(b?.kwargs).toEqual({ column_set: ['a'], exact_match: true });
    expect(c?.kwargs).toMatchObject({ or_equal: false, ignore_row_if: 'both_values_are_missing', mostly: 1 });
  });

  it('lists every supported GE expectation name', () => {
    expect(expectationTypes).toHaveLength(32);
    expect(expectationTypes).toContain('expect_column_kl_divergence_to_be_less_than');
  });

  it('rejects an unknown expectation with the close names, at its line', () => {
    expect(yamlProblems('expectations:\n  - expect_column_value_to_be_null: { column: a }\n')).toEqual([
      '2:37 expectations[0].expect_column_value_to_be_null: unknown expectation "expect_column_value_to_be_null"; did you mean "expect_column_values_to_be_null" or "expect_column_values_to_not_be_null" or "expect_column_values_to_be_unique"?',
    ]);
    const [far] = yamlProblems('expectations:\n  - expectation_type: check_everything\n    kwargs: {}\n');
    expect(far).toMatch(
      /^2:23 expectations\[0\]\.expectation_type: unknown expectation "check_everything"\. Supported: expect_table_row_count_to_be_between, /,
    );
  });

  it('rejects a misspelt kwarg with its path, a did-you-mean and the kwargs allowed', () => {
    expect(
      yamlProblems(
        'expectations:\n  - expect_column_values_to_be_in_set:\n      column: city\n      value_set: [a]\n      mosty: 0.9\n',
      ),
    ).toEqual([
      '5:14 expectations[0].expect_column_values_to_be_in_set.mosty: expect_column_values_to_be_in_set has no kwarg "mosty"; did you mean "mostly"? Its kwargs: column, value_set, mostly',
    ]);
  });

  it('reports missing and mistyped kwargs at their paths', () => {
    const p = yamlProblems(`expectations:
  - expect_column_values_to_be_between: { column: age }
  - expectation_type: expect_column_values_to_be_between
    kwargs: { column: age, min_value: 1, strict_min: "yes" }
  - expect_column_mean_to_be_between: { column: x, min_value: 5, max_value: 1 }
  - expect_column_values_to_not_be_null: { mostly: 2 }
`);
    expect(p).toEqual([
      '2:41 expectations[0].expect_column_values_to_be_between.min_value: set min_value, max_value or both (GE: they cannot both be null)',
      '4:54 expectations[1].kwargs.strict_min: expected boolean, got "yes"',
      '5:77 expectations[2].expect_column_mean_to_be_between.max_value: min_value cannot be greater than max_value',
      '6:42 expectations[3].expect_column_values_to_not_be_null.column: missing required field `column` (string)',
      '6:52 expectations[3].expect_column_values_to_not_be_null.mostly: expected at most 1, got 2',
    ]);
  });

  it('rejects a map with several keys and an expectation that is not a map', () => {
    const p = yamlProblems(
      'expectations:\n  - { expect_column_to_exist: { column: a }, expect_table_row_count_to_equal: { value: 1 } }\n  - 42\n',
    );
    expect(p[0]).toMatch(
      /^2:5 expectations\[0\]: an expectation is a map with one key, its name \(got expect_column_to_exist, expect_table_row_count_to_equal\)/,
    );
    expect(p[1]).toMatch(/^3:5 expectations\[1\]: expected an expectation: a map like/);
  });

  it('checks partition objects and quantile ranges as GE does', () => {
    const bad = expectationListSchema.safeParse([
      {
        expect_column_kl_divergence_to_be_less_than: {
          column: 'x',
          partition_object: { bins: [0, 1, 1], weights: [0.5, 0.4] },
        },
      },
      {
        expect_column_kl_divergence_to_be_less_than: {
          column: 'x',
          partition_object: { values: ['a', 'a'], weights: [0.5, 0.5] },
        },
      },
      {
        expect_column_quantile_values_to_be_between: {
          column: 'x',
          quantile_ranges: { quantiles: [0.5, 0.9], value_ranges: [[1, 2]] },
        },
      },
    ]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      '0.expect_column_kl_divergence_to_be_less_than.partition_object.weights: weights must sum to 1, got 0.9',
      '0.expect_column_kl_divergence_to_be_less_than.partition_object.bins: bins must be strictly increasing',
      '1.expect_column_kl_divergence_to_be_less_than.partition_object.values: values must be distinct',
      '2.expect_column_quantile_values_to_be_between.quantile_ranges.value_ranges: quantile_ranges needs one [min, max] in value_ranges per entry of quantiles',
    ]);
    const inf = expectationListSchema.parse([
      {
        expect_column_kl_divergence_to_be_less_than: {
          column: 'x',
          partition_object: { bins: ['-Infinity', 0, Number.POSITIVE_INFINITY], weights: [0.5, 0.5] },
        },
      },
    ]);
    expect(inf[0]?.kwargs).toMatchObject({
      partition_object: { bins: [Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY] },
    });
  });
});

describe('GE expectation-suite JSON files', () => {
  const suite = (expectations: unknown[]) =>
    JSON.stringify(
      { expectation_suite_name: 's', data_asset_type: 'Dataset', meta: {}, expectations },
      null,
      2,
    );

  it('reads a suite, ignoring result_format, catch_exceptions and include_config', () => {
    const got = parseGeSuiteJson(
      suite([
        {
          expectation_type: 'expect_column_values_to_be_in_set',
          kwargs: {
            column: 'c',
            value_set: ['a'],
            result_format: 'COMPLETE',
            catch_exceptions: true,
            include_config: true,
          },
          meta: { notes: 'x' },
        },
      ]),
      'suite.json',
    );
    expect(got).toEqual({
      name: 's',
      expectations: [
        {
          type: 'expect_column_values_to_be_in_set',
          kwargs: { column: 'c', value_set: ['a'], mostly: 1 },
          meta: { notes: 'x' },
        },
      ],
    });
  });

  it('names the file, the index and the line of each problem', () => {
    const text = suite([
      { expectation_type: 'expect_column_to_exist', kwargs: { column: 'a' } },
      {
        expectation_type: 'expect_column_values_to_be_unique',
        kwargs: { column: 'a', row_condition: 'a > 1' },
      },
      { expectation_type: 'expect_colum_to_exist', kwargs: { column: 'a' } },
      { expectation_type: 'expect_column_mean_to_be_between', kwargs: { min_value: 1 } },
    ]);
    expect(suiteProblems(text)).toEqual([
      'suite.json:16:26 expectations[1].kwargs.row_condition: expect_column_values_to_be_unique has no kwarg "row_condition". Its kwargs: column, mostly',
      'suite.json:20:27 expectations[2].expectation_type: unknown expectation "expect_colum_to_exist"; did you mean "expect_column_to_exist"?',
      'suite.json:27:17 expectations[3].kwargs.column: missing required kwarg `column`',
    ]);
  });

  it('rejects text that is not JSON, or JSON that is not a suite', () => {
    expect(suiteProblems('{"expectations": [}')[0]).toMatch(/^suite\.json:1:\d+ : not valid JSON/);
    expect(suiteProblems('[1, 2]')).toEqual([
      'suite.json:undefined:undefined : a GE expectation suite is a JSON object with an `expectations` list',
    ]);
    expect(suiteProblems('{"expectation_suite_name": "s"}')[0]).toMatch(
      /^suite\.json:1:1 expectations: missing required/,
    );
  });
});
