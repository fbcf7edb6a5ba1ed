/**
 * `gauntlet data profile FILE`: one compact row per column (type, nulls, distinct, range or top value)
 * and the whole profile as JSON with --json. Exit 0 profiled, 2 bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { TableDb } from '../../stages/data/duckdb/index.js';
import { type ColumnProfile, profileTable } from '../../stages/data/profile/index.js';
import { reportError } from '../errors.js';
import { safeText, textTable, wholeNumber } from '../flags.js';
import type { CliIO } from '../io.js';

/** A number short enough for a table cell. */
function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (v !== 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(6)));
}

const percent = (f: number | null) => (f === null ? '—' : `${Number((f * 100).toFixed(1))}%`);

/** The summary cell: range for numbers, the top value for categories, bounds for datetimes. */
function summary(c: ColumnProfile): string {
  if (c.count > 0 && c.nulls === c.count) return 'all null';
  const x = c.numeric;
  if (x) {
    const extra = [
      x.zeros ? `${x.zeros} zero` : '',
      x.negatives ? `${x.negatives} neg` : '',
      x.nan ? `${x.nan} NaN` : '',
      x.posInf ? `${x.posInf} +inf` : '',
      x.negInf ? `${x.negInf} -inf` : '',
    ].filter(Boolean);
    return `min ${num(x.min)}  mean ${num(x.mean)}  max ${num(x.max)}  sd ${num(x.stdev)}${extra.length ? `  (${extra.join(', ')})` : ''}`;
  }
  if (c.datetime) return `${c.datetime.min ?? '—'} … ${c.datetime.max ?? '—'}`;
  const first = c.top?.[0];
  if (first) {
    const share = c.count - c.nulls > 0 ? first.count / (c.count - c.nulls) : 0;
    const len = c.text ? `  len ${num(c.text.minLength)}-${num(c.text.maxLength)}` : '';
    const empty = c.text?.empty ? `  ${c.text.empty} empty` : '';
    return `top ${JSON.stringify(safeText(first.value, 30))} ${first.count} (${percent(share)})${len}${empty}`;
  }
  return '—';
}

/** `gauntlet data profile FILE [--columns a,b] [--bins N] [--top N] [--json OUT]`. */
export async function dataProfileCommand(
  file: string,
  flags: { columns?: string; bins?: string; top?: string; json?: string },
  io: CliIO,
): Promise<number> {
  let db: TableDb | undefined;
  try {
    const c = pc.createColors(io.color);
    const bins = wholeNumber('--bins', flags.bins, 10, 1);
    const top = wholeNumber('--top', flags.top, 10, 0);
    const columns = flags.columns
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    db = await TableDb.open();
    const table = await db.table(file, io.cwd);
    const p = await profileTable(table, { columns, bins, top });
    const w = (s = '') => io.stdout.write(`${s}\n`);
    w(`${c.bold(safeText(file, 200))}: ${p.rows.toLocaleString('en-US')} rows, ${p.columns.length} columns`);
    const rows = [['column', 'type', 'nulls', 'distinct', 'summary']];
    for (const col of p.columns)
      rows.push([
        safeText(col.name, 40),
        safeText(col.type, 24),
        percent(col.nullFraction),
        String(col.distinct),
        summary(col),
      ]);
    w(textTable(rows));
    const notes: string[] = [];
    const names = (cols: ColumnProfile[]) => cols.map((x) => safeText(x.name, 40)).join(', ');
    const allNull = p.columns.filter((x) => x.count > 0 && x.nulls === x.count);
    const constant = p.columns.filter((x) => x.distinct === 1);
    const special = p.columns.filter(
      (x) => x.numeric && x.numeric.nan + x.numeric.posInf + x.numeric.negInf > 0,
    );
    if (allNull.length) notes.push(`all null: ${names(allNull)}`);
    if (constant.length) notes.push(`one value only: ${names(constant)}`);
    if (special.length) notes.push(`NaN or infinity: ${names(special)} (statistics use the finite values)`);
    for (const n of notes) w(c.yellow(`  ! ${n}`));
    if (flags.json) writeFileSync(path.resolve(io.cwd, flags.json), `${JSON.stringify(p, null, 2)}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  } finally {
    db?.close();
  }
}
