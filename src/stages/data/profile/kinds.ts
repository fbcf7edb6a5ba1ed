/** How a DuckDB type is profiled: numeric, categorical (text, booleans), datetime or other. */
import { isNumericType } from '../duckdb/index.js';
import type { ColumnKind } from './types.js';

const NESTED = /[[\]]|^(STRUCT|MAP|UNION)\b/i;

/** The profile kind of a DuckDB type name. */
export function columnKind(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (NESTED.test(t)) return 'other';
  if (isNumericType(t)) return 'numeric';
  if (t === 'VARCHAR' || t === 'BOOLEAN' || t === 'UUID' || t.startsWith('ENUM')) return 'categorical';
  if (/^(DATE|TIME|TIMESTAMP)/.test(t)) return 'datetime';
  return 'other';
}

/** True for a column whose text lengths are profiled. */
export const isText = (type: string) => type.toUpperCase() === 'VARCHAR';
