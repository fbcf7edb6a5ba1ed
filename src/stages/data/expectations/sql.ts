/**
 * SQL pieces for expectations: a column's type family, typed literals for bounds and value sets, and
 * decoding of the JSON (`to_json`) values DuckDB returns into JSON-safe JS values.
 */
import { ident, literal, type TableColumn } from '../duckdb/index.js';
import { ExpectationError } from './types.js';

export type Family =
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'string'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'other';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;

/** The family of a DuckDB type name. */
export function family(type: string): Family {
  const t = type.toUpperCase();
  if (INTEGER.test(t)) return 'integer';
  if (t === 'FLOAT' || t === 'DOUBLE') return 'float';
  if (t.startsWith('DECIMAL')) return 'decimal';
  if (t === 'BOOLEAN') return 'boolean';
  if (t.startsWith('VARCHAR')) return 'string';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t.startsWith('TIME')) return 'time';
  return 'other';
}

/** True for integer, floating and decimal columns. */
export const isNumeric = (c: TableColumn) => ['integer', 'float', 'decimal'].includes(family(c.type));
const isTemporal = (c: TableColumn) => ['date', 'timestamp', 'time'].includes(family(c.type));

/** A number as a SQL DOUBLE, exactly (a bare literal like 0.1 would be a DECIMAL). */
export function dbl(x: number): string {
  return `CAST('${x}' AS DOUBLE)`;
}

/** A number literal; non-integers as exact DOUBLEs. */
export function num(x: number): string {
  return Number.isInteger(x) ? String(x) : dbl(x);
}

/** `column` as a SQL expression for numeric aggregates: booleans count as 0/1, as in pandas. */
export function numericExpr(c: TableColumn): string {
  return family(c.type) === 'boolean' ? `CAST(${ident(c.name)} AS INTEGER)` : ident(c.name);
}

/**
 * A bound (min_value/max_value) in the column's type: numbers for numeric columns, text cast to the
 * column's type for dates and timestamps, text for text (compared as text, like pandas). Anything else
 * does not fit and throws, naming the column and the bound.
 */
export function boundSql(value: number | string, c: TableColumn, kwarg: string, what: string): string {
  const f = family(c.type);
  const shown = JSON.stringify(value);
  if (typeof value === 'number') {
    if (isNumeric(c)) return num(value);
    throw new ExpectationError(`${what}: ${kwarg} ${shown} is a number but column "${c.name}" is ${c.type}`);
  }
  if (f === 'string') return literal(value);
  if (isTemporal(c)) return `CAST(${literal(value)} AS ${c.type})`;
  throw new ExpectationError(
    `${what}: ${kwarg} ${shown} is text but column "${c.name}" is ${c.type}; give a number`,
  );
}

type Scalar = string | number | boolean;

/**
 * A value_set as a SQL list in the column's terms, with the column expression to compare against it.
 * Numeric columns compare as DOUBLE (text that parses as a number counts; other text matches nothing);
 * text columns compare as text (numbers written as text); booleans as booleans (1/0, "true"/"false");
 * dates and other types through TRY_CAST (an entry that does not parse matches nothing).
 */
export function setSql(
  values: readonly Scalar[],
  c: TableColumn,
): { list: string; expr: string; items: string[]; type: string } {
  const { items, type, expr } = setItems(values, c);
  return { list: `CAST([${items.join(', ')}] AS ${type}[])`, expr, items, type };
}

function setItems(
  values: readonly Scalar[],
  c: TableColumn,
): { items: string[]; type: string; expr: string } {
  const f = family(c.type);
  const col = ident(c.name);
  if (isNumeric(c)) {
    const items = values.map((v) => {
      const n =
        typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
      return Number.isFinite(n) ? dbl(n) : 'NULL';
    });
    return { items, type: 'DOUBLE', expr: `CAST(${col} AS DOUBLE)` };
  }
  if (f === 'string') return { items: values.map((v) => literal(String(v))), type: 'VARCHAR', expr: col };
  if (f === 'boolean') {
    const items = values.map((v) => {
      if (typeof v === 'boolean') return String(v).toUpperCase();
      if (v === 1 || v === 0) return v === 1 ? 'TRUE' : 'FALSE';
      const s = String(v).toLowerCase();
      return s === 'true' ? 'TRUE' : s === 'false' ? 'FALSE' : 'NULL';
    });
    return { items, type: 'BOOLEAN', expr: col };
  }
  return {
    items: values.map((v) => `TRY_CAST(${literal(String(v))} AS ${c.type})`),
    type: c.type,
    expr: col,
  };
}

/** A JS value from DuckDB as a finite number, or null (NaN and ±Infinity become null). */
export function finite(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A count from DuckDB (BIGINT comes back as bigint). */
export function count(v: unknown): number {
  return finite(v) ?? 0;
}

/**
 * A value DuckDB rendered with `to_json`, as a JSON-safe JS value: NaN/Infinity become null; integers
 * beyond 2^53 stay exact as strings.
 */
export function fromJson(text: unknown): unknown {
  if (text === null || text === undefined) return null;
  const s = String(text);
  if (/^-?\d{16,}$/.test(s) && !Number.isSafeInteger(Number(s))) return s;
  try {
    return JSON.parse(s, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  } catch {
    return null; // NaN, Infinity, -Infinity: not JSON
  }
}

/** A column expression rendered for the partial lists. */
export function jsonOf(expr: string): string {
  return `to_json(${expr})`;
}
