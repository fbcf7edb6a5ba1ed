/**
 * Table profiles: per column its type, kind, counts, nulls and distinct values; numeric moments,
 * quantiles (linear, as numpy), special values and a numpy-identical histogram; text lengths and top
 * values; datetime bounds. Two queries whatever the width of the table: one for every base aggregate
 * (base.ts), one for all histograms and top values (groups.ts).
 */
import { DataTableError, type Table } from '../duckdb/index.js';
import { baseProfiles } from './base.js';
import { fillGroups } from './groups.js';
import type { ProfileOptions, TableProfile } from './types.js';

export { histogramEdges, outerEdges } from './histogram.js';
export { columnKind } from './kinds.js';
export type * from './types.js';

function positive(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw new DataTableError(`${name} must be a whole number of at least ${min}, got ${String(value)}`);
  return n;
}

/** Profiles the listed columns of a table (all by default) in two queries. */
export async function profileTable(table: Table, options: ProfileOptions = {}): Promise<TableProfile> {
  const bins = positive('bins', options.bins, 10, 1);
  const top = positive('top', options.top, 10, 0);
  const columns =
    options.columns && options.columns.length > 0
      ? options.columns.map((n) => table.column(n))
      : table.columns;
  const { rows, profiles } = await baseProfiles(table, columns);
  const queries =
    1 +
    (await fillGroups(
      table,
      profiles.map((profile, i) => ({ profile, column: columns[i]! })),
      bins,
      top,
    ));
  return { file: table.file, rows, columns: profiles, bins, top, queries };
}
