/**
 * `tables:` one tabular file (CSV, TSV, Parquet, JSON, JSONL, a glob) checked with expectations, for PII
 * and profiled, all in one DuckDB instance. A table that cannot be opened is one error check naming the
 * file, not a crash.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataTableCheck } from '../../../config/stages/data.js';
import { type ExpectationConfig, parseGeSuiteJson } from '../../../config/stages/data-expectations.js';
import type { StageContext } from '../../types.js';
import { DataTableError } from '../duckdb/index.js';
import { labels } from './datasets.js';
import { checkExpectations } from './expectations.js';
import { checkName } from './names.js';
import { checkPii } from './pii.js';
import { checkProfile } from './profile.js';
import { withTables } from './tables-db.js';

/** Expectations written in the suite, then those of the GE suite file. */
function expectationsOf(ctx: StageContext<'data'>, spec: DataTableCheck): ExpectationConfig[] {
  const list = [...(spec.expect ?? [])];
  if (spec.expectations) {
    const file = path.resolve(ctx.suiteDir, spec.expectations);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new DataTableError(
        `cannot read the expectation suite ${spec.expectations}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    list.push(...parseGeSuiteJson(text, spec.expectations).expectations);
  }
  return list;
}

/** Every check of one table entry. */
export async function checkTable(ctx: StageContext<'data'>, spec: DataTableCheck): Promise<void> {
  const name = checkName(spec.name, spec.path);
  const lab = labels(spec);
  try {
    await withTables(ctx.suiteDir, [spec.path], async ([table]) => {
      if (!table) throw new Error('table not opened');
      const list = expectationsOf(ctx, spec);
      if (list.length > 0) await checkExpectations(ctx, table, name, list, lab);
      if (spec.pii) await checkPii(ctx, table, name, spec.pii === true ? {} : spec.pii, lab);
      if (spec.profile) await checkProfile(ctx, table, name, lab);
    });
  } catch (err) {
    // The table (or its expectation suite) could not be read: one error result says which and why.
    await ctx.check(
      { id: `data.table.${name}`, name: `table ${name} could be checked`, ...lab },
      async () => {
        throw err;
      },
    );
  }
}
