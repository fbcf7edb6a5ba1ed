/**
 * The reference side of a comparison, read the same way whether it is a table (queried in DuckDB) or a
 * saved profile (read from its JSON): types, counts, labels, category counts and quantile bins. Only a
 * table can run the methods that compare values (ks, wasserstein, anderson); `table` is how they get it.
 */
import { DataTableError, type Table } from '../duckdb/index.js';
import { type ReferenceBins, referenceBinsSql } from './bins.js';
import { type ColumnCounts, categoryCountsSql, columnCountsSql, distinctLabelsSql } from './counts.js';
import type { ProfileColumn, ReferenceProfile } from './profile.js';

export interface ReferenceSide {
  kind: 'table' | 'profile';
  /** The reference file (a profile's source table). */
  file: string;
  /** The rows, when the reference is a table. */
  table?: Table;
  /** The bins a profile was saved with. */
  profileBins?: number;
  columnNames(): string[];
  /** DuckDB type; a DataTableError for a column that is not there. */
  type(column: string): string;
  counts(columns: readonly { name: string; numeric: boolean }[]): Promise<Map<string, ColumnCounts>>;
  labels(column: string, numeric: boolean): Promise<string[]>;
  categoryCounts(column: string, numeric: boolean): Promise<Map<string, number>>;
  bins(column: string, count: number, bins: number): Promise<ReferenceBins>;
}

/** A reference table. */
export function tableReference(table: Table): ReferenceSide {
  return {
    kind: 'table',
    file: table.file,
    table,
    columnNames: () => table.columns.map((c) => c.name),
    type: (column) => table.column(column).type,
    counts: (columns) => columnCountsSql(table, columns),
    labels: (column, numeric) => distinctLabelsSql(table, column, numeric),
    categoryCounts: (column, numeric) => categoryCountsSql(table, column, numeric),
    bins: (column, count, bins) => referenceBinsSql(table, column, count, bins),
  };
}

/** A saved reference profile. */
export function profileReference(profile: ReferenceProfile): ReferenceSide {
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const source = `the profile of ${profile.source}`;
  const get = (column: string): ProfileColumn => {
    const c = byName.get(column);
    if (!c)
      throw new DataTableError(
        `column ${JSON.stringify(column)} is not in ${source}; its columns: ${profile.columns.map((x) => x.name).join(', ')}`,
      );
    return c;
  };
  const categories = (column: string): Map<string, number> => {
    const c = get(column);
    if (!c.categories)
      throw new DataTableError(
        `${source} keeps no category counts for ${JSON.stringify(column)} (${c.distinct} distinct values); compare it by bins`,
      );
    const { labels, counts } = c.categories;
    return new Map(labels.map((l, i) => [l, counts[i] ?? 0]));
  };
  return {
    kind: 'profile',
    file: profile.source,
    profileBins: profile.bins,
    columnNames: () => profile.columns.map((c) => c.name),
    type: (column) => get(column).type,
    counts: async (columns) => {
      const out = new Map<string, ColumnCounts>();
      for (const { name, numeric } of columns) {
        const c = get(name);
        // The profile's counts and labels were taken reading the column as numbers or as text; the
        // current table must read it the same way for the two to line up.
        if (c.numeric !== numeric)
          throw new DataTableError(
            `column ${JSON.stringify(name)} was profiled as ${c.numeric ? 'numbers' : 'text'} (${c.type}) in ${source} but is compared as ${numeric ? 'numbers' : 'text'}; save a new profile from a reference whose types match the current table`,
          );
        out.set(name, { count: c.count, distinct: c.distinct });
      }
      return out;
    },
    labels: async (column) => [...categories(column).keys()],
    categoryCounts: async (column) => categories(column),
    bins: async (column) => {
      const c = get(column);
      if (!c.bins)
        throw new DataTableError(`${source} keeps no bins for ${JSON.stringify(column)} (not numeric)`);
      return c.bins;
    },
  };
}
