/**
 * bench/eval-throughput/memory.ts: does Gauntlet's memory stay flat as an eval grows? One `gauntlet run`
 * of 100k cases (a JSONL file, 3 cheap assertions each, concurrency 16) against the reference server with
 * no latency; the script reads the run's resident set from /proc every 250 ms and, at the same moment,
 * how many case results the run store has streamed to results.jsonl, then prints the RSS when 10k, 25k,
 * 50k, 75k and 100k cases were done, the peak, the growth from 10k to 100k (between those two samples,
 * and as the least-squares trend of every sample in between, which garbage-collection swings do not fool).
 *
 * The peer is the run itself: the ratio RSS(100k) / RSS(10k) is 1.0 for an engine that keeps only
 * tallies, and climbs with every case for one that keeps every result.
 *
 *   npx tsx bench/eval-throughput/memory.ts [--cases 100000] [--concurrency 16] [--heap-cap MB]
 *
 * `--heap-cap 48` runs Gauntlet with `--max-old-space-size=48`: if it finishes, everything it retains
 * fits in 48 MB of V8 heap whatever the case count (100k results would not).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { scratch, stop } from '../lib/children.js';
import { compiledCli, runDirIn } from '../lib/cli.js';
import { type RssSample, runSampled } from '../lib/rss.js';
import { flags, fmt, mb, note, numberFlag, say, table } from '../lib/stats.js';
import {
  expectedPasses,
  startServer,
  threeAssertions,
  writeCases,
  writeServeConfig,
  writeSuite,
} from './common.js';

const args = flags(process.argv.slice(2));
const CASES = numberFlag(args, 'cases', 100_000);
const C = numberFlag(args, 'concurrency', 16);
const INTERVAL_MS = numberFlag(args, 'interval-ms', 250);
const HEAP_CAP = args.has('heap-cap') ? numberFlag(args, 'heap-cap', 64) : undefined;
const TIMEOUT_MS = numberFlag(args, 'timeout-min', 30) * 60_000;
const MILESTONES = [0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.round(CASES * f));

/** Counts `case` events appended to results.jsonl since the last call (reads only the new bytes). */
class CaseCounter {
  private offset = 0;
  private carry = '';
  count = 0;
  private readonly buf = Buffer.alloc(1 << 20);
  constructor(private readonly file: string) {}

  poll(): number {
    if (!existsSync(this.file)) return this.count;
    const size = statSync(this.file).size;
    if (size <= this.offset) return this.count;
    const fd = openSync(this.file, 'r');
    try {
      while (this.offset < size) {
        const n = readSync(fd, this.buf, 0, Math.min(this.buf.length, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        // Keep the tail of the last line: a marker may straddle two reads.
        const text = this.carry + this.buf.toString('latin1', 0, n);
        const lastNl = text.lastIndexOf('\n');
        const whole = lastNl >= 0 ? text.slice(0, lastNl + 1) : '';
        this.carry = lastNl >= 0 ? text.slice(lastNl + 1) : text;
        for (let i = whole.indexOf('{"type":"case"'); i !== -1; i = whole.indexOf('{"type":"case"', i + 1))
          this.count++;
      }
    } finally {
      closeSync(fd);
    }
    return this.count;
  }
}

interface Point extends RssSample {
  done: number;
}

async function main(): Promise<void> {
  const dir = scratch();
  const cli = compiledCli(note);
  const serveConfig = join(dir, 'serve.yaml');
  writeServeConfig(serveConfig);
  const { server, origin } = await startServer(cli, serveConfig);
  const casesFile = join(dir, 'cases.jsonl');
  await writeCases(casesFile, CASES, threeAssertions);
  const suite = join(dir, 'suite.yaml');
  const out = join(dir, 'runs');
  writeSuite(suite, { baseUrl: `${origin}/v1`, casesFile, concurrency: C, maxTokens: 64 });
  say(
    `eval-throughput/memory: ${CASES} cases (JSONL, ${fmt(statSync(casesFile).size / 1048576, 1)} MB) x 3 assertions ` +
      `(starts-with, icontains, not-contains), concurrency ${C}, cache off; reference server ${origin} (no latency, own process); ` +
      `RSS of the gauntlet process tree every ${INTERVAL_MS} ms; node ${process.version}, ${cpus().length} CPUs` +
      (HEAP_CAP ? `; gauntlet run with --max-old-space-size=${HEAP_CAP}` : ''),
  );

  let counter: CaseCounter | undefined;
  const points: Point[] = [];
  const nodeArgs = HEAP_CAP ? [`--max-old-space-size=${HEAP_CAP}`] : [];
  const r = await runSampled(
    process.execPath,
    [...nodeArgs, ...cli, 'run', suite, '--reporter', 'json', '--out', out, '--quiet'],
    {
      cwd: dir,
      intervalMs: INTERVAL_MS,
      timeoutMs: TIMEOUT_MS,
      onSample: (s) => {
        if (!counter) {
          const run = runDirIn(out);
          if (run) counter = new CaseCounter(join(run, 'results.jsonl'));
        }
        points.push({ ...s, done: counter?.poll() ?? 0 });
      },
    },
  );
  const run = runDirIn(out);
  const final = run ? new CaseCounter(join(run, 'results.jsonl')).poll() : 0;
  await stop(server, 5_000);
  if (r.timedOut || r.code !== 0) {
    say(
      `gauntlet exited with ${r.timedOut ? 'a timeout' : r.code}${r.signal ? ` (${r.signal})` : ''} after ${final} cases`,
    );
    say(r.stderr.slice(-3000) || r.stdout.slice(-3000));
    if (HEAP_CAP && final < CASES) say(`it did not finish within a ${HEAP_CAP} MB heap`);
  }
  report(points, r.wallS, r.cpuS, r.peakRssKB, r.peakProcessHwmKB, final);
}

function report(
  points: Point[],
  wallS: number,
  cpuS: number,
  peakKB: number,
  hwmKB: number,
  final: number,
): void {
  say(
    `\n${final} cases done in ${fmt(wallS, 1)} s (${fmt(final / wallS, 0)} cases/s, start-up included; CPU ${fmt(cpuS, 1)} s); ${points.length} samples`,
  );
  const at = (n: number) => points.find((p) => p.done >= n);
  const rows: string[][] = [['cases done', 'at s', 'RSS MB', 'max RSS so far MB']];
  const atMilestone = new Map<number, Point>();
  for (const m of MILESTONES) {
    // The run may end between two samples: the last milestone then shows the last sample.
    const p = at(m) ?? (m === CASES ? points[points.length - 1] : undefined);
    if (!p) {
      rows.push([`${m}`, '-', '-', '-']);
      continue;
    }
    atMilestone.set(m, p);
    const soFar = Math.max(...points.filter((q) => q.tMs <= p.tMs).map((q) => q.rssKB));
    rows.push([`${m} (${p.done})`, fmt(p.tMs / 1000, 1), fmt(mb(p.rssKB), 1), fmt(mb(soFar), 1)]);
  }
  say(table(rows));
  say(
    `peak RSS: ${fmt(mb(peakKB), 1)} MB (kernel high-water mark of the gauntlet process: ${fmt(mb(hwmKB), 1)} MB)`,
  );
  // The last milestone may fall after the last sample when the run ends between two samples.
  const first = atMilestone.get(MILESTONES[0] as number);
  const last = atMilestone.get(CASES) ?? points[points.length - 1];
  if (!first || !last) {
    say('too few samples to tell the growth');
    return;
  }
  const growthMB = mb(last.rssKB - first.rssKB);
  const after10k = points.filter((p) => p.done >= first.done);
  const maxAfter = Math.max(...after10k.map((p) => p.rssKB));
  say(
    `growth from ${first.done} to ${last.done} cases: ${growthMB >= 0 ? '+' : ''}${fmt(growthMB, 1)} MB ` +
      `(RSS ratio ${fmt(last.rssKB / first.rssKB, 2)}x; highest RSS after ${first.done} cases ${fmt(mb(maxAfter), 1)} MB, ` +
      `${fmt(maxAfter / first.rssKB, 2)}x the RSS at ${first.done})`,
  );
  // Per tenth of the run: the highest RSS seen while those cases were being done, the curve a leak would bend.
  const curve: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const lo = (CASES * (k - 1)) / 10;
    const hi = (CASES * k) / 10;
    const inSlice = points.filter((p) => p.done > lo && p.done <= hi);
    curve.push(inSlice.length ? fmt(mb(Math.max(...inSlice.map((p) => p.rssKB))), 0) : '-');
  }
  say(`max RSS MB per tenth of the cases: ${curve.join(' ')}`);
  // Two samples can land on opposite sides of a garbage collection (RSS saws up and down by tens of MB),
  // so the verdict comes from the least-squares trend of every sample from the 10k mark on.
  const fit = after10k.filter((p) => p.done > 0);
  const n = fit.length;
  const mx = fit.reduce((a, p) => a + p.done, 0) / n;
  const my = fit.reduce((a, p) => a + p.rssKB, 0) / n;
  const sxy = fit.reduce((a, p) => a + (p.done - mx) * (p.rssKB - my), 0);
  const sxx = fit.reduce((a, p) => a + (p.done - mx) ** 2, 0);
  const slopeKB = sxx > 0 ? sxy / sxx : 0;
  const trendMB = mb(slopeKB * (last.done - first.done));
  say(
    `trend (least squares over the ${n} samples from ${first.done} cases on): ${fmt(slopeKB * 1024, 1)} bytes per case, ` +
      `${trendMB >= 0 ? '+' : ''}${fmt(trendMB, 1)} MB over ${last.done - first.done} cases`,
  );
  say(
    n >= 5 && trendMB > Math.max(10, mb(first.rssKB) * 0.1)
      ? `RSS grows with the cases: the trend adds ${fmt(trendMB, 1)} MB from ${first.done} to ${last.done} cases`
      : `RSS does not grow with the cases: the trend stays within ${fmt(Math.abs(trendMB), 1)} MB from ${first.done} to ${last.done} cases` +
          (n < 5 ? ' (too few samples to be sure)' : ''),
  );
  if (final !== CASES) say(`note: results.jsonl holds ${final} case results (cases: ${CASES})`);
  else
    say(
      `(the designed pass count is ${expectedPasses(CASES)}; run.ts checks pass counts, this script only counts results)`,
    );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
