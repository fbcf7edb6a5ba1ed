/** `gauntlet data validate TABLE --expectations FILE`: GE-style expectations on a table from the CLI. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, suiteDir } from '../helpers/cli.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/data/expectations');

function dir(): string {
  const d = suiteDir('');
  copyFileSync(path.join(FIXTURES, 'data.csv'), path.join(d, 'data.csv'));
  return d;
}

describe('gauntlet data validate --expectations', () => {
  it('passes a YAML expectation list the table meets, and fails one it does not', async () => {
    const d = dir();
    writeFileSync(
      path.join(d, 'ok.yaml'),
      `expectations:
  - expect_table_row_count_to_equal: { value: 60 }
  - expect_column_values_to_not_be_null: { column: id }
`,
    );
    const ok = await runCli(['data', 'validate', 'data.csv', '--expectations', 'ok.yaml'], { cwd: d });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('data.csv: 2 expectations, 2 passed');
    expect(ok.stdout).toContain('✓ expect_column_values_to_not_be_null (id): 0 of 60 values null');
    writeFileSync(
      path.join(d, 'strict.yaml'),
      'expectations:\n  - expectation_type: expect_column_values_to_be_between\n    kwargs: { column: age, min_value: 20 }\n',
    );
    const bad = await runCli(
      ['data', 'validate', 'data.csv', '--expectations', 'strict.yaml', '--json', 'out.json'],
      { cwd: d },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /✗ expect_column_values_to_be_between \(age\): \d+ of \d+ non-null values unexpected/,
    );
    const json = JSON.parse(readFileSync(path.join(d, 'out.json'), 'utf8'));
    expect(json.success).toBe(false);
    expect(json.results[0].result.partial_unexpected_list).toContain(18);
  });

  it('reads a Great Expectations suite JSON', async () => {
    const d = dir();
    copyFileSync(path.join(FIXTURES, 'suite.json'), path.join(d, 'suite.json'));
    const r = await runCli(['data', 'validate', 'data.csv', '--expectations', 'suite.json'], { cwd: d });
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/^data\.csv: \d+ expectations, \d+ passed/);
  });

  it('names the file, place and problem of a bad expectation file, a missing table or column', async () => {
    const d = dir();
    writeFileSync(
      path.join(d, 'typo.yaml'),
      'expectations:\n  - expect_column_values_to_be_betwen: { column: age, min_value: 0 }\n',
    );
    const typo = await runCli(['data', 'validate', 'data.csv', '--expectations', 'typo.yaml'], { cwd: d });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('invalid expectation file:\n  typo.yaml:2:');
    expect(typo.stderr).toContain('expect_column_values_to_be_between');
    const none = await runCli(['data', 'validate', 'data.csv', '--expectations', 'nope.yaml'], { cwd: d });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nope.yaml');
    expect(none.stderr).toContain('no such file');
    writeFileSync(
      path.join(d, 'col.yaml'),
      'expectations:\n  - expect_column_values_to_not_be_null: { column: agee }\n',
    );
    const col = await runCli(['data', 'validate', 'data.csv', '--expectations', 'col.yaml'], { cwd: d });
    expect(col.code).toBe(1);
    expect(col.stdout).toContain('agee');
    const table = await runCli(['data', 'validate', 'gone.csv', '--expectations', 'col.yaml'], { cwd: d });
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('gone.csv: no such file');
    const neither = await runCli(['data', 'validate', 'data.csv'], { cwd: d });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--expectations FILE to check a table');
  });
});
