/**
 * Column drift between a reference and a current table read by DuckDB, or between a saved reference
 * profile and a current table. Each column's kind comes from its DuckDB types (numbers with few distinct
 * values count as categorical), its method from Evidently's rules or the options (options.ts), and its
 * numbers from src/metrics/drift, with every pass over the rows done in SQL: KS (sql-ks.ts), Wasserstein
 * (sql-wasserstein.ts) and Anderson-Darling (sql-anderson.ts) from cumulative counts per distinct
 * value, quantile bins (bins.ts) and category counts (counts.ts) by GROUP BY. Memory stays flat in the
 * row count; JS holds one number per bin or category, never one per row.
 */
import { DataTableError, isNumericType, Table } from '../duckdb/index.js';
import { compareColumn } from './column.js';
import { columnCountsSql } from './counts.js';
import { checkMethodColumns, checkOptions } from './options.js';
import type { ReferenceProfile } from './profile.js';
import { profileReference, type ReferenceSide, tableReference } from './reference.js';
import { guardFinite, summarize } from './report.js';
import type { ColumnDrift, DriftOptions, DriftReport } from './types.js';

export { FEW_UNIQUE, PROFILE_METHODS, ROW_METHODS } from './options.js';
export {
  looksLikeProfile,
  PROFILE_FORMAT,
  type ProfileColumn,
  type ProfileOptions,
  parseReferenceProfile,
  type ReferenceProfile,
  readReferenceProfile,
  saveReferenceProfile,
} from './profile.js';
export type { ColumnDrift, ColumnKind, Correction, DriftMethod, DriftOptions, DriftReport } from './types.js';

function columnsToCompare(ref: ReferenceSide, cur: Table, options: DriftOptions): string[] {
  if (options.columns && options.columns.length > 0) {
    for (const n of options.columns) {
      ref.type(n);
      cur.column(n);
    }
    return options.columns;
  }
  const inCur = new Set(cur.columns.map((c) => c.name));
  const names = ref.columnNames().filter((n) => inCur.has(n));
  if (names.length === 0) throw new DataTableError(`${ref.file} and ${cur.file} have no column in common`);
  return names;
}

/**
 * Compares every shared (or listed) column of `cur` with `ref` (a table, or a profile from
 * saveReferenceProfile) and gives the dataset verdict. Both tables must come from one TableDb.
 */
export async function detectDrift(
  ref: Table | ReferenceProfile,
  cur: Table,
  options: DriftOptions = {},
): Promise<DriftReport> {
  checkOptions(options);
  const share = options.share ?? 0.5;
  const correction = options.correction ?? 'none';
  const side = ref instanceof Table ? tableReference(ref) : profileReference(ref);
  if (side.profileBins !== undefined && options.bins !== undefined && options.bins !== side.profileBins)
    throw new DataTableError(
      `the profile of ${side.file} was saved with ${side.profileBins} bins, not ${options.bins}: leave bins out, or save a new profile with --bins ${options.bins}`,
    );
  const names = columnsToCompare(side, cur, options);
  checkMethodColumns(options, names);
  const cols = names.map((name) => {
    const referenceType = side.type(name);
    const currentType = cur.column(name).type;
    return {
      name,
      referenceType,
      currentType,
      numeric: isNumericType(referenceType) && isNumericType(currentType),
    };
  });
  // One scan per table for every column's counts; category counts, bins and statistics where needed.
  const refCounts = await side.counts(cols);
  const curCounts = await columnCountsSql(cur, cols);
  const columns: ColumnDrift[] = [];
  for (const c of cols) {
    const input = {
      column: c.name,
      numeric: c.numeric,
      referenceType: c.referenceType,
      currentType: c.currentType,
      ref: refCounts.get(c.name) ?? { count: 0, distinct: 0 },
      cur: curCounts.get(c.name) ?? { count: 0, distinct: 0 },
    };
    try {
      columns.push(guardFinite(await compareColumn(side, cur, input, options)));
    } catch (err) {
      if (err instanceof RangeError)
        throw new DataTableError(`column ${JSON.stringify(c.name)}: ${err.message}`, { cause: err });
      throw err;
    }
  }
  return summarize(
    columns,
    { reference: side.file, referenceKind: side.kind, current: cur.file },
    correction,
    share,
  );
}
