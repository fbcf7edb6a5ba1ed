/** Which columns of a table the PII scan and the masked copy read, and how they reach SQL as text. */
import { DataTableError, ident, literal, type Table, type TableColumn } from '../duckdb/index.js';
import { prefilterPattern } from './find.js';
import { type PiiKind, piiKinds } from './types.js';

/** Column types scanned without being listed: text. */
export const isTextType = (type: string) => /^(VARCHAR|JSON)$/i.test(type);

export interface PiiColumns {
  scanned: TableColumn[];
  /** Columns not scanned (not text and not listed). */
  skipped: TableColumn[];
}

/** The listed columns (each must exist), or every text column. */
export function piiColumns(table: Table, names?: readonly string[]): PiiColumns {
  if (names && names.length > 0) {
    const scanned = names.map((n) => table.column(n));
    return { scanned, skipped: table.columns.filter((c) => !scanned.includes(c)) };
  }
  return {
    scanned: table.columns.filter((c) => isTextType(c.type)),
    skipped: table.columns.filter((c) => !isTextType(c.type)),
  };
}

/** The kinds asked for (all by default), checked, in report order. */
export function piiKindsOf(kinds?: readonly string[]): PiiKind[] {
  if (!kinds || kinds.length === 0) return [...piiKinds];
  for (const k of kinds) {
    if (!(piiKinds as readonly string[]).includes(k))
      throw new DataTableError(`unknown PII kind ${JSON.stringify(k)}; kinds: ${piiKinds.join(', ')}`);
  }
  return piiKinds.filter((k) => kinds.includes(k));
}

/** A column as text in SQL (listed non-text columns are cast). */
export const asText = (c: TableColumn) =>
  isTextType(c.type) ? ident(c.name) : `CAST(${ident(c.name)} AS VARCHAR)`;

/** `regexp_matches(expr, <prefilter of kinds>)`: true where some kind may be found. */
export const prefilterSql = (expr: string, kinds: readonly PiiKind[]) =>
  `regexp_matches(${expr}, ${literal(prefilterPattern(kinds))})`;
