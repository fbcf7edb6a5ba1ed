/**
 * The benchmark's data, written by DuckDB as Parquet: a reference and a current table of N rows x 20
 * columns. Every value is a formula of the row's global index j (reference: j = i, current: j = N + i)
 * in integer arithmetic and IEEE double +, -, *, / only (a 32-bit integer hash, uniforms u = (2h + 1) /
 * 2^33, sums of uniforms for bell shapes, thresholds for categories and nulls), so gen.py computes
 * the very same values with numpy for the pandas peer, bit for bit, without reading Parquet (pyarrow is
 * not installed here). No transcendental function is used: libm and numpy's SIMD versions may differ in
 * the last bit. summarize() reads back a per-column summary that gen.py prints too, to prove it.
 *
 * The current table differs from the reference by design in five columns: `id` and `day` (a later batch),
 * `score` (+0.3125), `income` (x1.25) and `device` (more desktops and tablets).
 */
import { DuckDBInstance } from '@duckdb/node-api';

/** Bump when a formula changes: cached data of another version is generated again. */
export const DATA_VERSION = 3;

export const COLUMNS = [
  'id',
  'day',
  'age',
  'income',
  'score',
  'price',
  'qty',
  'latency',
  'temp',
  'ratio',
  'clicks',
  'flag',
  'rating',
  'balance',
  'country',
  'device',
  'plan',
  'channel',
  'status',
  'note',
] as const;

const ADJ = ['quick', 'lazy', 'bright', 'quiet', 'heavy', 'small', 'early', 'late'];
const ADJ2 = ['red', 'green', 'blue', 'amber', 'grey', 'pink', 'teal', 'gold'];
const NOUN = [
  'order',
  'parcel',
  'refund',
  'ticket',
  'invoice',
  'return',
  'update',
  'query',
  'payment',
  'review',
  'delivery',
  'request',
  'booking',
  'message',
  'claim',
  'survey',
];

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** SQL of one side's SELECT over range(rows); `current` picks the shifted formulas. */
function selectSql(rows: number, current: boolean): string {
  const off = current ? rows : 0;
  const h = (k: number) => `h(i + ${off}, ${k})`;
  const u = (k: number) => `((CAST(${h(k)} AS DOUBLE) * 2 + 1) / 8589934592)`;
  const nullIf = (cond: string, value: string, type: string) =>
    `CAST(CASE WHEN ${cond} THEN NULL ELSE ${value} END AS ${type})`;
  // Weighted categories: value k when the hash mod 100 (or 10, 1000) is below cut[k] and not an earlier cut.
  const pick = (hash: string, cuts: readonly number[], labels: readonly string[]) =>
    `CASE ${cuts.map((c, k) => `WHEN ${hash} < ${c} THEN '${labels[k]}'`).join(' ')} ELSE '${labels[cuts.length]}' END`;
  const cols: Record<(typeof COLUMNS)[number], string> = {
    id: `CAST(i + ${off} AS BIGINT)`,
    day: `CAST(DATE '${current ? '2025-01-01' : '2024-01-01'}' + CAST(i * 365 // ${rows} AS INTEGER) AS DATE)`,
    age: nullIf(`${h(2)} % 100 < 1`, `18 + ${h(1)} % 73`, 'BIGINT'),
    income: nullIf(
      `${h(6)} % 100 < 2`,
      `(20000 + 80000 * ${u(3)} * ${u(4)} * ${u(5)}) * ${current ? "CAST('1.25' AS DOUBLE)" : '1'}`,
      'DOUBLE',
    ),
    score: `CAST((${u(7)} + ${u(8)} + ${u(9)} + ${u(10)} - 2) * CAST('1.75' AS DOUBLE) + ${current ? "CAST('0.3125' AS DOUBLE)" : '0'} AS DOUBLE)`,
    price: `CAST(floor(${u(11)} * 100000) / 100 AS DOUBLE)`,
    qty: `CAST(${h(12)} % 8 + ${h(13)} % 8 AS BIGINT)`,
    latency: `CAST(20 / (${u(14)} + CAST('0.0625' AS DOUBLE)) AS DOUBLE)`,
    temp: nullIf(
      `${h(19)} % 1000 < 5`,
      `20 + (${u(16)} + ${u(17)} + ${u(18)} - CAST('1.5' AS DOUBLE)) * 10`,
      'DOUBLE',
    ),
    ratio: `CAST(${u(20)} * ${u(21)} AS DOUBLE)`,
    clicks: `CAST(${h(22)} % 1001 AS BIGINT)`,
    flag: `CAST(CASE WHEN ${h(23)} % 10 < 3 THEN 1 ELSE 0 END AS BIGINT)`,
    rating: `CAST(1 + ${h(24)} % 5 AS BIGINT)`,
    balance: nullIf(
      `${h(29)} % 100 < 1`,
      `1000 + (${u(25)} + ${u(26)} + ${u(27)} + ${u(28)} - 2) * 525`,
      'DOUBLE',
    ),
    country: pick(
      `${h(30)} % 100`,
      [40, 55, 67, 77, 85, 92, 97],
      ['US', 'DE', 'FR', 'GB', 'JP', 'BR', 'IN', 'ZZ'],
    ),
    device: pick(`${h(31)} % 10`, current ? [4, 8] : [6, 9], ['mobile', 'desktop', 'tablet']),
    plan: `${list(['free', 'basic', 'pro', 'enterprise'])}[1 + ${h(32)} % 4]`,
    channel: `CASE WHEN ${h(34)} % 200 = 0 THEN NULL ELSE ${list(['web', 'app', 'email', 'ads', 'partner', 'store'])}[1 + ${h(33)} % 6] END`,
    status: pick(`${h(35)} % 1000`, [900, 990, 999], ['ok', 'pending', 'failed', 'fraud']),
    note:
      `CASE WHEN ${h(39)} % 10000 = 0 THEN 'see https://example.com/' || CAST(${h(38)} % 1000 AS VARCHAR) ` +
      `ELSE ${list(ADJ)}[1 + ${h(36)} % 8] || ' ' || ${list(ADJ2)}[1 + ${h(40)} % 8] || ' ' || ${list(NOUN)}[1 + ${h(37)} % 16] || ' #' || CAST(${h(38)} % 1000 AS VARCHAR) END`,
  };
  return `SELECT ${COLUMNS.map((c) => `${cols[c]} AS ${c}`).join(',\n  ')} FROM range(${rows}) AS r(i)`;
}

/** Mueller's 32-bit integer hash of (j, k); every intermediate stays below 2^59, inside BIGINT. */
const MACROS = [
  'CREATE OR REPLACE MACRO m32(x) AS xor(x >> 16, x) * 73244475 % 4294967296',
  'CREATE OR REPLACE MACRO h0(j, k) AS m32(m32((j * 2654435761 + k * 40503 + 12345) % 4294967296))',
  'CREATE OR REPLACE MACRO h(j, k) AS xor(h0(j, k) >> 16, h0(j, k))',
];

/** Writes `reference.parquet` and `current.parquet` of `rows` rows each into `dir`. */
export async function writeParquet(dir: string, rows: number): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    for (const m of MACROS) await c.run(m);
    for (const [side, current] of [
      ['reference', false],
      ['current', true],
    ] as const) {
      await c.run(
        `COPY (${selectSql(rows, current)}) TO '${dir}/${side}.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
      );
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Per column: non-null count, and for numbers fsum/min/max, for text the count per value. */
export type Summary = Record<
  string,
  { count: number; sum?: number; min?: number; max?: number; values?: Record<string, number> }
>;

/** The summary of one Parquet file, to compare with what gen.py computed with numpy. */
export async function summarize(file: string): Promise<Summary> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const out: Summary = {};
    const types = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getColumnsJS();
    const names = (types[0] ?? []) as string[];
    const kinds = (types[1] ?? []) as string[];
    for (const [i, name] of names.entries()) {
      const type = kinds[i] as string;
      if (type === 'VARCHAR' || type === 'DATE') {
        const r = await c.runAndReadAll(
          `SELECT CAST(${name} AS VARCHAR) AS k, count(*) AS n FROM read_parquet('${file}') WHERE ${name} IS NOT NULL GROUP BY 1`,
        );
        const [k, n] = r.getColumnsJS() as [string[], bigint[]];
        const values: Record<string, number> = {};
        let count = 0;
        k.forEach((key, j) => {
          values[key] = Number(n[j]);
          count += Number(n[j]);
        });
        // Free text has too many values to list: its count per value is summed up by length instead.
        out[name] = name === 'note' ? { count, values: byLength(values) } : { count, values };
      } else {
        const r = await c.runAndReadAll(
          `SELECT count(${name}), fsum(${name}), min(${name}), max(${name}) FROM read_parquet('${file}')`,
        );
        const [n, s, lo, hi] = r.getColumnsJS().map((col) => Number(col[0]));
        out[name] = { count: n as number, sum: s as number, min: lo as number, max: hi as number };
      }
    }
    return out;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Text values counted by their length and first word: enough to tell two generators apart. */
export function byLength(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(values)) {
    const key = `${k.length}:${k.split(' ')[0]}:${k.split('#')[1] ?? ''}`;
    out[key] = (out[key] ?? 0) + n;
  }
  return out;
}
