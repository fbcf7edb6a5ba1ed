/**
 * bench/data: wall time and peak RSS of Gauntlet's data stage (`gauntlet run suite.yaml`, compiled: 30
 * Great Expectations-style expectations on a Parquet table of N rows x 20 columns, then drift of every
 * column against a reference table of N rows) side by side with a pandas + scipy implementation of the
 * same checks (peer.py), each as its own process tree started by this script, the order alternated.
 *
 * The data are made once per row count and cached in bench/data/.cache/rows-N/ (gitignored): DuckDB
 * writes the Parquet files from formulas of the row index (generate.ts) and numpy computes the same values
 * as .npy files for the peer (gen.py; pandas cannot read Parquet here: no pyarrow); the two are compared
 * column by column before anything is measured. Both sides' results are then cross-checked: each
 * expectation's success, unexpected_count and observed value, each column's drift method and statistic.
 *
 *   npx tsx bench/data/run.ts [--rows 10000000] [--reps 2] [--timeout-min 60] [--interval-ms 50]
 *     [--peer-category] [--no-peer] [--no-gauntlet]
 *
 * --peer-category also runs the peer with its text columns as pandas categoricals (`pandas-cat`).
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { hasGnuTime, scratch } from '../lib/children.js';
import { compiledCli, runDirIn } from '../lib/cli.js';
import { runSampled, type SampledRun } from '../lib/rss.js';
import { flags, fmt, mb, median, note, numberFlag, ratio, say, table } from '../lib/stats.js';
import { crossCheck, type Outcome, readGauntlet, readPeer } from './compare.js';
import { DATA_VERSION, type Summary, summarize, writeParquet } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = flags(process.argv.slice(2));
const ROWS = Math.round(numberFlag(args, 'rows', 10_000_000));
const REPS = Math.round(numberFlag(args, 'reps', 2));
const TIMEOUT_MS = numberFlag(args, 'timeout-min', 60) * 60_000;
const INTERVAL_MS = numberFlag(args, 'interval-ms', 50);
const PYTHON = '/usr/bin/python3';
/** Targets from the issue: 10x faster, a quarter of the memory. */
const TIME_TARGET = 0.1;
const RSS_TARGET = 0.25;

/** One measured run of one tool. */
interface Run {
  tool: string;
  code: number | null;
  wallS: number;
  cpuS: number;
  peakRssKB: number;
  treeRssKB: number;
  hwmKB: number;
  outcome: Outcome;
}

async function main(): Promise<void> {
  if (ROWS <= 1000)
    throw new Error(
      '--rows must be above 1000 (the peer implements the drift methods Evidently picks for more than 1000 reference rows)',
    );
  const data = await prepare(ROWS);
  const cli = compiledCli(note);
  const dir = scratch();
  const expectations = join(dir, 'expectations.json');
  writeFileSync(expectations, JSON.stringify(expectationList(join(data, 'suite.yaml'))));

  const tools: { name: string; run: (tag: string) => Promise<Run> }[] = [];
  if (!args.has('no-gauntlet'))
    tools.push({ name: 'gauntlet', run: (tag) => gauntlet(cli, data, join(dir, `g-${tag}`)) });
  if (!args.has('no-peer'))
    tools.push({
      name: 'pandas',
      run: (tag) => peer('pandas', data, expectations, join(dir, `p-${tag}.json`)),
    });
  if (args.has('peer-category'))
    tools.push({
      name: 'pandas-cat',
      run: (tag) => peer('pandas-cat', data, expectations, join(dir, `c-${tag}.json`), ['--category']),
    });

  say(
    `bench/data: ${ROWS} rows x 20 columns per table (Parquet for Gauntlet, .npy for pandas), 30 expectations on the current table, ` +
      `drift of all 20 columns against the reference; ${REPS} run(s) per tool, order alternated; node ${process.version}, ` +
      `${cpus().length} CPUs, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM`,
  );
  const results = new Map<string, Run[]>(tools.map((t) => [t.name, []]));
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? tools : [...tools].reverse();
    for (const t of order) {
      const r = await t.run(`rep${rep + 1}`);
      results.get(t.name)?.push(r);
      say(
        `  rep ${rep + 1} ${t.name.padEnd(8)} ${fmt(r.wallS, 2)} s (CPU ${fmt(r.cpuS, 1)} s), peak RSS ${fmt(mb(r.peakRssKB), 0)} MB, ` +
          `exit ${r.code}; ${phases(r.outcome)}; load average ${fmt(loadavg()[0] ?? Number.NaN, 1)}`,
      );
    }
  }
  const g = results.get('gauntlet')?.at(-1);
  for (const [name, runs] of results) {
    const p = runs.at(-1);
    if (!g || !p || name === 'gauntlet') continue;
    const problems = crossCheck(g.outcome, p.outcome);
    say('');
    if (problems.length === 0)
      say(
        `cross-check gauntlet/${name}: both agree on all ${g.outcome.expectations.length} expectations (success, unexpected_count, observed value) ` +
          `and all ${g.outcome.drift.length} drift columns (method, statistic within 1e-6 relative, verdict)`,
      );
    else {
      say(`cross-check gauntlet/${name}: ${problems.length} disagreement(s):`);
      for (const line of problems) say(`  ${line}`);
    }
  }
  report(results);
}

/** The data folder for `rows`, generated (and checked) when missing or made by another DATA_VERSION. */
async function prepare(rows: number): Promise<string> {
  const dir = join(here, '.cache', `rows-${rows}`);
  const marker = join(dir, 'data.json');
  const ok =
    existsSync(marker) &&
    (JSON.parse(readFileSync(marker, 'utf8')) as { version: number; rows: number }).version === DATA_VERSION;
  if (!ok) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const need = rows * 420; // Parquet ~55 B/row/side, .npy ~125 B/row/side, with room to spare
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    if (free < need * 1.5)
      throw new Error(
        `${dir}: ${fmt(free / 2 ** 30, 1)} GiB free, the data need about ${fmt(need / 2 ** 30, 1)} GiB`,
      );
    note(
      `generating ${rows} rows x 20 columns x 2 tables into ${dir} (once; about ${fmt(need / 2 ** 30, 1)} GiB)...`,
    );
    let t = performance.now();
    await writeParquet(dir, rows);
    note(`  Parquet (DuckDB): ${fmt((performance.now() - t) / 1000, 1)} s`);
    t = performance.now();
    const fromNumpy = JSON.parse(
      execFileSync(PYTHON, [join(here, 'gen.py'), dir, String(rows)], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        timeout: TIMEOUT_MS,
      }),
    ) as Record<string, Summary>;
    note(`  .npy (numpy): ${fmt((performance.now() - t) / 1000, 1)} s`);
    for (const side of ['reference', 'current']) {
      const fromDuck = await summarize(join(dir, `${side}.parquet`));
      const diff = summaryDiff(fromDuck, fromNumpy[side] ?? {});
      if (diff.length > 0)
        throw new Error(
          `the Parquet and .npy data of ${side} differ (a formula in generate.ts and gen.py disagrees):\n${diff.join('\n')}`,
        );
    }
    note(
      '  checked: every column of both tables has the same count, sum, min and max (numbers) or counts per value (text, dates) on both sides',
    );
    writeFileSync(marker, JSON.stringify({ version: DATA_VERSION, rows }));
  }
  copyFileSync(join(here, 'suite.yaml'), join(dir, 'suite.yaml'));
  return dir;
}

/** JSON with object keys sorted, so two summaries compare whatever order their values came in. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x);
}

/**
 * Differences between DuckDB's and numpy's summaries: everything exact but the sums, which may differ in
 * the last bit (DuckDB's fsum is compensated, Python's math.fsum correctly rounded).
 */
function summaryDiff(a: Summary, b: Summary): string[] {
  const out: string[] = [];
  for (const [name, x] of Object.entries(a)) {
    const y = b[name];
    const sumsClose =
      x.sum === undefined ||
      (y?.sum !== undefined && Math.abs(x.sum - y.sum) <= 1e-12 * Math.max(Math.abs(x.sum), 1));
    if (!y) out.push(`${name}: missing from the .npy data`);
    else if (!sumsClose || canonical({ ...x, sum: 0 }) !== canonical({ ...y, sum: 0 }))
      out.push(`${name}: DuckDB ${canonical(x).slice(0, 200)} vs numpy ${canonical(y).slice(0, 200)}`);
  }
  return out;
}

/** suite.yaml's expectations as `{ type, kwargs }`, which is all peer.py reads. */
function expectationList(suite: string): { type: string; kwargs: Record<string, unknown> }[] {
  const doc = parse(readFileSync(suite, 'utf8')) as {
    stages: { tables: { expect: Record<string, Record<string, unknown>>[] }[] }[];
  };
  return (doc.stages[0]?.tables[0]?.expect ?? []).map((e) => {
    const [type, kwargs] = Object.entries(e)[0] as [string, Record<string, unknown>];
    return { type, kwargs };
  });
}

function measured(tool: string, r: SampledRun, outcome: Outcome): Run {
  return {
    tool,
    code: r.code,
    wallS: r.wallS,
    cpuS: r.cpuS,
    peakRssKB: r.peakRssKB,
    treeRssKB: r.peakTreeRssKB,
    hwmKB: r.peakProcessHwmKB,
    outcome,
  };
}

function failed(tool: string, r: SampledRun, why: string): Error {
  return new Error(
    `${tool} ${r.timedOut ? `did not finish in ${TIMEOUT_MS / 60_000} min` : `exited with ${r.code}`} (${why})\n${r.stderr.slice(-3000)}${r.stdout.slice(-2000)}`,
  );
}

/** `node bin/gauntlet.js run suite.yaml --out OUT --reporter json --quiet` in the data folder. */
async function gauntlet(cli: string[], data: string, out: string): Promise<Run> {
  const r = await runSampled(
    process.execPath,
    [...cli, 'run', 'suite.yaml', '--out', out, '--reporter', 'json', '--quiet'],
    { cwd: data, timeoutMs: TIMEOUT_MS, intervalMs: INTERVAL_MS },
  );
  const run = runDirIn(out);
  // Exit 1 is expected: four expectations fail by design.
  if (r.timedOut || !run || (r.code !== 0 && r.code !== 1)) throw failed('gauntlet', r, 'no complete run');
  const outcome = readGauntlet(run);
  rmSync(out, { recursive: true, force: true });
  return measured('gauntlet', r, outcome);
}

/** `python3 peer.py DATA EXPECTATIONS OUT [--category]`. */
async function peer(
  name: string,
  data: string,
  expectations: string,
  out: string,
  extra: string[] = [],
): Promise<Run> {
  const r = await runSampled(PYTHON, [join(here, 'peer.py'), data, expectations, out, ...extra], {
    timeoutMs: TIMEOUT_MS,
    intervalMs: INTERVAL_MS,
  });
  if (r.timedOut || r.code !== 0 || !existsSync(out)) throw failed(name, r, 'no results');
  const outcome = readPeer(out);
  rmSync(out, { force: true });
  return measured(name, r, outcome);
}

function phases(o: Outcome): string {
  return Object.entries(o.phases)
    .map(([k, v]) => `${k} ${fmt(v, 1)} s`)
    .join(', ');
}

function report(results: Map<string, Run[]>): void {
  const names = [...results.keys()];
  const med = (name: string, pick: (r: Run) => number) => median((results.get(name) ?? []).map(pick));
  const phaseNames = [
    ...new Set(names.flatMap((n) => (results.get(n) ?? []).flatMap((r) => Object.keys(r.outcome.phases)))),
  ];
  const rows: string[][] = [
    [
      'tool',
      'wall s',
      'CPU s',
      'peak RSS MB',
      'tree sum MB',
      'max VmHWM MB',
      ...phaseNames.map((p) => `${p} s`),
    ],
  ];
  for (const n of names) {
    rows.push([
      n,
      fmt(
        med(n, (r) => r.wallS),
        2,
      ),
      fmt(
        med(n, (r) => r.cpuS),
        1,
      ),
      fmt(mb(med(n, (r) => r.peakRssKB)), 0),
      fmt(mb(med(n, (r) => r.treeRssKB)), 0),
      fmt(mb(med(n, (r) => r.hwmKB)), 0),
      ...phaseNames.map((p) => {
        const v = med(n, (r) => r.outcome.phases[p] ?? Number.NaN);
        return fmt(v, 2);
      }),
    ]);
  }
  say(
    `\n${REPS > 1 ? `median of ${REPS} runs` : '1 run'} per tool; peak RSS = max(tree sum sampled every ${INTERVAL_MS} ms, largest per-process VmHWM); ` +
      `CPU = user + system of the tree (${hasGnuTime() ? 'rusage via GNU time' : 'sampled from /proc'}); phases as each tool reports them`,
  );
  say(table(rows));
  if (!results.has('gauntlet')) return;
  for (const peerName of names.filter((n) => n !== 'gauntlet')) {
    const t = med('gauntlet', (r) => r.wallS) / med(peerName, (r) => r.wallS);
    const m = med('gauntlet', (r) => r.peakRssKB) / med(peerName, (r) => r.peakRssKB);
    say('');
    say(
      `ratio gauntlet/${peerName}: wall time ${ratio(
        med('gauntlet', (r) => r.wallS),
        med(peerName, (r) => r.wallS),
      )} (${peerName} takes ${fmt(1 / t, 2)}x as long)`,
    );
    say(
      `ratio gauntlet/${peerName}: peak RSS  ${ratio(
        med('gauntlet', (r) => r.peakRssKB),
        med(peerName, (r) => r.peakRssKB),
      )} (${peerName} uses ${fmt(1 / m, 2)}x the memory)`,
    );
    say(
      `ratio gauntlet/${peerName}: CPU time  ${ratio(
        med('gauntlet', (r) => r.cpuS),
        med(peerName, (r) => r.cpuS),
      )} (DuckDB runs on every core, pandas on one)`,
    );
    say(`  target 10x faster (ratio <= ${TIME_TARGET}): ${t <= TIME_TARGET ? 'met' : 'NOT met'}`);
    say(`  target a quarter of the memory (ratio <= ${RSS_TARGET}): ${m <= RSS_TARGET ? 'met' : 'NOT met'}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
