/**
 * Where Gauntlet's data stage spends its time: the engine functions the stage calls (runExpectations,
 * detectDrift) on the benchmark's cached data, with every SQL statement they send to DuckDB timed. Prints
 * the statements grouped by what they do, slowest first, with this process's RSS while they ran, and the
 * time per drift column. Not a comparison:
 * run.ts is the benchmark; this explains its Gauntlet figures.
 *
 *   npx tsx bench/data/profile.ts [--rows 10000000] [--only expectations|drift] [--explain]
 *
 * --explain also prints DuckDB's EXPLAIN ANALYZE of the slowest statement of each group (run once more).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expectationListSchema } from '../../src/config/stages/data-expectations.js';
import { detectDrift } from '../../src/stages/data/drift/index.js';
import { Table, TableDb } from '../../src/stages/data/duckdb/index.js';
import { runExpectations } from '../../src/stages/data/expectations/index.js';
import { flags, fmt, numberFlag, say, table } from '../lib/stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = flags(process.argv.slice(2));
const ROWS = Math.round(numberFlag(args, 'rows', 10_000_000));
const ONLY = args.get('only');

interface Timed {
  phase: string;
  group: string;
  sql: string;
  ms: number;
  /** This process's RSS when the statement started and its highest while it ran, MB (sampled every 20 ms). */
  rssBefore: number;
  rssPeak: number;
}

function rssMB(): number {
  return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
}

/** A short name for what a statement does, from its shape. */
function groupOf(sql: string): string {
  if (/UNION ALL/.test(sql) && /AS b, CAST/.test(sql))
    return 'expectations: follow-up query (samples, duplicates, distinct values)';
  if (/count\(DISTINCT CASE WHEN/.test(sql))
    return 'drift: counts and distinct counts of every column (one scan per table)';
  if (/^SELECT /.test(sql) && !/GROUP BY/.test(sql)) return 'expectations: aggregate scan';
  if (/WITH pooled AS/.test(sql))
    return 'drift: Wasserstein distance (pooled GROUP BY + window over both tables)';
  if (/WITH x AS/.test(sql)) return "drift: reference's population std (two passes)";
  if (/GROUP BY 1/.test(sql)) return 'drift: category counts (GROUP BY, per table)';
  return 'other';
}

let phase = 'setup';
const timed: Timed[] = [];
const original = Table.prototype.query;
Table.prototype.query = async function (this: Table, sql: string) {
  const rssBefore = rssMB();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMB());
  }, 20);
  const t = performance.now();
  try {
    return await original.call(this, sql);
  } finally {
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssMB());
    timed.push({ phase, group: groupOf(sql), sql, ms: performance.now() - t, rssBefore, rssPeak });
  }
};

async function main(): Promise<void> {
  const dir = join(here, '.cache', `rows-${ROWS}`);
  if (!existsSync(join(dir, 'data.json')))
    throw new Error(
      `no data for ${ROWS} rows in ${dir}: run \`npx tsx bench/data/run.ts --rows ${ROWS}\` first`,
    );
  const suite = parse(readFileSync(join(here, 'suite.yaml'), 'utf8')) as {
    stages: { tables: { expect: unknown[] }[] }[];
  };
  // Parsed as the suite loader does, so the kwargs carry the schema's defaults (mostly, strict_min...).
  const expectations = expectationListSchema.parse(suite.stages[0]?.tables[0]?.expect ?? []);
  const totals: Record<string, number> = {};
  if (ONLY !== 'drift') {
    const db = await TableDb.open();
    const cur = await db.table('current.parquet', dir);
    phase = 'expectations';
    const t = performance.now();
    await runExpectations(cur, expectations);
    totals.expectations = performance.now() - t;
    db.close();
  }
  const perColumn: [string, number][] = [];
  if (ONLY !== 'expectations') {
    const db = await TableDb.open();
    const ref = await db.table('reference.parquet', dir);
    const cur = await db.table('current.parquet', dir);
    phase = 'drift';
    const t = performance.now();
    const report = await detectDrift(ref, cur, { share: 0.5, correction: 'none' });
    totals.drift = performance.now() - t;
    // Per column: the statements that name it, besides the two counts scans that read every column.
    const drift = timed.filter((x) => x.phase === 'drift' && !x.group.includes('every column'));
    for (const c of report.columns) {
      const mine = drift.filter((x) => x.sql.includes(`"${c.column}"`));
      perColumn.push([`${c.column} (${c.method})`, mine.reduce((a, b) => a + b.ms, 0)]);
    }
    db.close();
  }
  say(`Gauntlet's data stage on ${ROWS} rows, statement by statement (node ${process.version})`);
  say(
    Object.entries(totals)
      .map(([k, v]) => `${k}: ${fmt(v / 1000, 2)} s`)
      .join(', '),
  );
  const groups = new Map<string, Timed[]>();
  for (const x of timed) groups.set(x.group, [...(groups.get(x.group) ?? []), x]);
  const rows = [['statements', 'count', 'total s', 'slowest s', 'peak RSS MB', 'largest rise MB']];
  for (const [g, xs] of [...groups].sort((a, b) => sum(b[1]) - sum(a[1])))
    rows.push([
      g,
      String(xs.length),
      fmt(sum(xs) / 1000, 2),
      fmt(Math.max(...xs.map((x) => x.ms)) / 1000, 2),
      fmt(Math.max(...xs.map((x) => x.rssPeak)), 0),
      fmt(Math.max(...xs.map((x) => x.rssPeak - x.rssBefore)), 0),
    ]);
  say('');
  say(table(rows));
  if (perColumn.length > 0) {
    say('\ndrift, per column (after the two counts scans):');
    say(table([['column', 's'], ...perColumn.map(([c, ms]) => [c, fmt(ms / 1000, 2)])]));
  }
  if (args.has('explain')) {
    const db = await TableDb.open();
    // The views are numbered in the order tables are opened: t0 = reference, t1 = current, as in the drift run.
    await db.table('reference.parquet', dir);
    await db.table('current.parquet', dir);
    for (const [g, xs] of groups) {
      const slowest = xs.reduce((a, b) => (b.ms > a.ms ? b : a));
      const sql = slowest.phase === 'expectations' ? slowest.sql.replaceAll('t0', 't1') : slowest.sql;
      const r = await db.connection.runAndReadAll(`EXPLAIN ANALYZE ${sql}`);
      say(`\n=== ${g}: EXPLAIN ANALYZE of the slowest (${fmt(slowest.ms / 1000, 2)} s) ===`);
      say(String(r.getColumnsJS()[1]?.[0] ?? ''));
    }
    db.close();
  }
}

function sum(xs: Timed[]): number {
  return xs.reduce((a, b) => a + b.ms, 0);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
