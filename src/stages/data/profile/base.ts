/**
 * The base aggregates of every profiled column in one SELECT, so DuckDB plans them together and reads
 * the table once: counts, distinct counts, numeric moments and quantiles, text lengths, datetime bounds.
 */
import { ident, type Table, type TableColumn } from '../duckdb/index.js';
import { columnKind, isText } from './kinds.js';
import type { ColumnProfile, NumericProfile, Quantiles } from './types.js';

const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
const QUANTILE_KEYS = ['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;

/** A column's value as a finite DOUBLE or NULL (NaN and ±Infinity are counted apart). */
export const finiteSql = (c: TableColumn) => {
  const x = `CAST(${ident(c.name)} AS DOUBLE)`;
  return `CASE WHEN isfinite(${x}) THEN ${x} END`;
};

const count = (v: unknown) => Number(v ?? 0);

/** A number for JSON, or null with the reason recorded. */
function finite(v: unknown, reasons: Record<string, string>, key: string, why: string): number | null {
  const x = v === null || v === undefined ? Number.NaN : Number(v);
  if (Number.isFinite(x)) return x;
  reasons[key] = v === null || v === undefined ? why : 'overflow: not a finite number';
  return null;
}

/** Runs the one base query and returns the column profiles (histograms and top values still empty). */
export async function baseProfiles(
  table: Table,
  columns: readonly TableColumn[],
): Promise<{ rows: number; profiles: ColumnProfile[] }> {
  const select: string[] = ['count(*)'];
  const readers: Array<(cols: unknown[][], rows: number) => ColumnProfile> = [];
  const at = () => select.length;

  for (const c of columns) {
    const kind = columnKind(c.type);
    const a = ident(c.name);
    const start = at();
    select.push(`count(${a})`, `count(DISTINCT ${a})`);
    let numeric = -1;
    let text = -1;
    let datetime = -1;
    if (kind === 'numeric') {
      numeric = at();
      const x = `CAST(${a} AS DOUBLE)`;
      const f = finiteSql(c);
      const qs = `[${QUANTILES.join(', ')}]`;
      select.push(
        `count(${f})`,
        `min(${f})`,
        `max(${f})`,
        `favg(${f})`,
        `stddev_samp(${f})`,
        `quantile_cont(${f}, ${qs})`,
        `count_if(${x} = 0)`,
        `count_if(${f} < 0)`,
        `count_if(isnan(${x}))`,
        `count_if(${x} = 'inf'::DOUBLE)`,
        `count_if(${x} = '-inf'::DOUBLE)`,
      );
    }
    if (isText(c.type)) {
      text = at();
      select.push(`min(length(${a}))`, `max(length(${a}))`, `favg(length(${a}))`, `count_if(${a} = '')`);
    }
    if (kind === 'datetime') {
      datetime = at();
      select.push(`CAST(min(${a}) AS VARCHAR)`, `CAST(max(${a}) AS VARCHAR)`);
    }
    readers.push((cols, rows) => {
      const v = (i: number) => cols[i]?.[0];
      const reasons: Record<string, string> = {};
      const nonNull = count(v(start));
      const p: ColumnProfile = {
        name: c.name,
        type: c.type,
        kind,
        count: rows,
        nulls: rows - nonNull,
        nullFraction: rows > 0 ? (rows - nonNull) / rows : null,
        distinct: count(v(start + 1)),
        reasons,
      };
      if (rows === 0) reasons.nullFraction = 'no rows';
      if (numeric >= 0) p.numeric = readNumeric((i) => v(numeric + i), reasons);
      if (text >= 0) {
        const why = 'no non-null values';
        p.text = {
          minLength: finite(v(text), reasons, 'text.minLength', why),
          maxLength: finite(v(text + 1), reasons, 'text.maxLength', why),
          meanLength: finite(v(text + 2), reasons, 'text.meanLength', why),
          empty: count(v(text + 3)),
        };
      }
      if (datetime >= 0) {
        const [min, max] = [v(datetime), v(datetime + 1)].map((x) =>
          x === null || x === undefined ? null : String(x),
        );
        if (min === null) reasons['datetime.min'] = reasons['datetime.max'] = 'no non-null values';
        p.datetime = { min: min ?? null, max: max ?? null };
      }
      return p;
    });
  }

  const cols = await table.query(`SELECT ${select.join(', ')} FROM ${table.view}`);
  const rows = count(cols[0]?.[0]);
  return { rows, profiles: readers.map((read) => read(cols, rows)) };
}

function readNumeric(v: (i: number) => unknown, reasons: Record<string, string>): NumericProfile {
  const n = count(v(0));
  const none = 'no finite values';
  const q = v(5) as unknown[] | null;
  let quantiles: Quantiles | null = null;
  if (n > 0 && Array.isArray(q) && q.every((x) => Number.isFinite(Number(x)))) {
    quantiles = Object.fromEntries(QUANTILE_KEYS.map((k, i) => [k, Number(q[i])])) as unknown as Quantiles;
  } else reasons['numeric.quantiles'] = none;
  if (n === 0) reasons['numeric.histogram'] = none;
  return {
    finite: n,
    min: finite(v(1), reasons, 'numeric.min', none),
    max: finite(v(2), reasons, 'numeric.max', none),
    mean: finite(v(3), reasons, 'numeric.mean', none),
    stdev: finite(v(4), reasons, 'numeric.stdev', n === 0 ? none : 'fewer than 2 finite values'),
    quantiles,
    zeros: count(v(6)),
    negatives: count(v(7)),
    nan: count(v(8)),
    posInf: count(v(9)),
    negInf: count(v(10)),
    histogram: null,
  };
}
