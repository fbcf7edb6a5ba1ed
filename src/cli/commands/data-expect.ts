/**
 * `gauntlet data validate TABLE --expectations FILE`: Great Expectations-style expectations on a table
 * (CSV, TSV, Parquet, JSON, JSONL, globs) read by DuckDB, planned into as few scans as possible. Prints
 * one line per expectation and exits 0 when all pass, 1 when one fails, 2 on bad input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { loadExpectationFile } from '../../config/expectation-file.js';
import { describeExpectation } from '../../stages/data/checks/expectations.js';
import { TableDb } from '../../stages/data/duckdb/index.js';
import { runExpectations } from '../../stages/data/expectations/index.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';

/** Runs the expectations of `expectations` (a file) on `file` and prints GE-style results. */
export async function dataExpectCommand(
  file: string,
  flags: { expectations: string; json?: string },
  io: CliIO,
): Promise<number> {
  let db: TableDb | undefined;
  try {
    const c = pc.createColors(io.color);
    const list = loadExpectationFile(path.resolve(io.cwd, flags.expectations), flags.expectations);
    db = await TableDb.open();
    const table = await db.table(file, io.cwd);
    const results = await runExpectations(table, list);
    const w = (s = '') => io.stdout.write(`${s}\n`);
    const failed = results.filter((r) => !r.success);
    w(`${c.bold(file)}: ${results.length} expectations, ${results.length - failed.length} passed`);
    for (const r of results) {
      const k = r.kwargs as Record<string, unknown>;
      const col = typeof k.column === 'string' ? ` (${k.column})` : '';
      const mark = r.exception ? c.red('!') : r.success ? c.green('✓') : c.red('✗');
      w(`  ${mark} ${r.type}${col}: ${describeExpectation(r)}`);
    }
    if (flags.json)
      writeFileSync(
        path.resolve(io.cwd, flags.json),
        `${JSON.stringify({ file, success: failed.length === 0, results }, null, 2)}\n`,
      );
    w(
      failed.length === 0
        ? c.green('PASS')
        : `${c.red('FAIL')}: ${failed.length} expectation${failed.length === 1 ? '' : 's'} not met; the partial_unexpected_list of each is in --json`,
    );
    return failed.length === 0 ? 0 : 1;
  } catch (err) {
    return reportError(err, io);
  } finally {
    db?.close();
  }
}
