/** Shared pieces of the data commands: flag parsing with messages that name the flag, and plain tables. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { CliIO } from './io.js';

/** Rows as aligned columns, indented two spaces. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd())
    .join('\n');
}

/** Text from a file shown with control characters escaped (never sent raw to a terminal), cut at `max`. */
export function safeText(s: string, max = Number.POSITIVE_INFINITY): string {
  const clean = s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A comma list flag (`a,b`) as trimmed, non-empty items; undefined when the flag is absent. */
export function listFlag(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole-number flag of at least `min`, or `fallback` when absent; a UsageError otherwise. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** A flag's value as a number in [0, 1], or `fallback` when absent; a UsageError otherwise. */
export function fraction(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1))
    throw new UsageError(`${flag} must be a number between 0 and 1, got ${JSON.stringify(value)}`);
  return n;
}

/** Writes `value` as JSON to `file` (relative to the cwd) when a file is given. */
export function writeJson(io: CliIO, file: string | undefined, value: unknown): void {
  if (file) writeFileSync(path.resolve(io.cwd, file), `${JSON.stringify(value, null, 2)}\n`);
}
