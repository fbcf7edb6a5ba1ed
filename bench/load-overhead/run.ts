/**
 * bench/load-overhead: generator CPU-seconds per 10k keep-alive requests against one trivial HTTP server,
 * Gauntlet's load engine side by side with autocannon and wrk, each in its own process.
 *
 * Method (the same for all three): each generator runs twice per repetition, a short run and a long one,
 * as a separate process whose own CPU (user + system, every thread) comes from the kernel via GNU time.
 * The difference between the two cancels process start-up, module loading, JIT warm-up and connection
 * set-up, leaving the steady-state cost per request. The server runs in another process and counts
 * requests and new connections, so every tool is counted by the same referee.
 *
 *   npx tsx bench/load-overhead/run.ts [--requests 20000] [--warmup 2000] [--reps 3] [--concurrency 64] [--method GET|POST]
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../lib/bundle.js';
import {
  forkTracked,
  hasGnuTime,
  type Measured,
  nextMessage,
  runMeasured,
  scratch,
  stop,
  which,
} from '../lib/children.js';
import { flags, fmt, median, numberFlag, ratio, table } from '../lib/stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = flags(process.argv.slice(2));
const MARGINAL = numberFlag(args, 'requests', 20_000);
const WARMUP = numberFlag(args, 'warmup', 2_000);
const REPS = numberFlag(args, 'reps', 3);
const C = numberFlag(args, 'concurrency', 64);
const METHOD = args.get('method')?.toUpperCase() === 'POST' ? 'POST' : 'GET';
const POST_BODY = JSON.stringify({ inputs: [[0.1, 0.2, 0.3, 0.4]], id: 'bench' });

interface ServerStats {
  type: 'stats';
  requests: number;
  connections: number;
  spanS: number;
  cpuS: number;
}
const isType =
  <T>(type: string) =>
  (m: unknown): m is T =>
    typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;

/** One measured child run, with what the server saw during it. */
interface Run extends Measured {
  requests: number;
  connections: number;
  /** First to last answer, as the server saw it. */
  spanS: number;
  serverCpuS: number;
  errors: number;
  note?: string;
  /** Gauntlet only: its own process.cpuUsage() per 10k requests after the first WARMUP (a cross-check). */
  inProcessPer10k?: number;
}

/** A generator: how to run it for a given size (a request count, or seconds for wrk). */
interface Generator {
  name: string;
  /** Runs a short (warm-up sized) or long run; resolves with the measured run. */
  run(size: 'short' | 'long'): Promise<Run>;
}

async function main(): Promise<void> {
  if (!hasGnuTime()) {
    process.stderr.write(
      'note: /usr/bin/time not found (apt-get install time); sampling CPU from /proc instead\n',
    );
  }
  const server = forkTracked(join(here, 'trivial-server.mjs'), []);
  const { port } = await nextMessage(server, isType<{ type: 'listening'; port: number }>('listening'));
  const url = `http://127.0.0.1:${port}/`;

  const measure = async (
    cmd: string,
    argv: string[],
    parseErrors: (m: Measured) => { errors: number; note?: string },
  ) => {
    server.send({ type: 'reset' });
    await nextMessage(server, isType('reset-done'));
    const m = await runMeasured(cmd, argv);
    server.send({ type: 'stats' });
    const s = await nextMessage(server, isType<ServerStats>('stats'));
    if (m.code !== 0)
      throw new Error(`${cmd} ${argv.join(' ')} exited with ${m.code}\n${m.stderr.slice(-2000)}`);
    return {
      ...m,
      requests: s.requests,
      connections: s.connections,
      spanS: s.spanS,
      serverCpuS: s.cpuS,
      ...parseErrors(m),
    };
  };

  const generators: Generator[] = [await gauntlet(url, measure), autocannon(url, measure)];
  const wrkPath = which('wrk');
  if (wrkPath) generators.push(wrk(wrkPath, url, measure));
  else process.stderr.write('note: wrk not found (apt-get install -y wrk); its column is skipped\n');

  process.stdout.write(
    `load-overhead: ${METHOD} ${url} (trivial node:http server, own process), ${C} connections, keep-alive, ` +
      `${REPS} repetitions of a ${WARMUP}-request and a ${WARMUP + MARGINAL}-request run per tool ` +
      `(wrk: by duration); node ${process.version}, CPU time from ${hasGnuTime() ? 'rusage (GNU time)' : '/proc sampling'}\n`,
  );
  // Warm-up pass: the server's JIT, the page cache and the loopback path, before anything is counted.
  for (const g of generators) await g.run('short');

  const perTool = new Map<string, Figures[]>(generators.map((g) => [g.name, []]));
  for (let rep = 0; rep < REPS; rep++) {
    // Rotate the order so no tool always runs right after the same neighbour.
    const order = generators.map((_, i) => generators[(i + rep) % generators.length] as Generator);
    for (const g of order) {
      const short = await g.run('short');
      const long = await g.run('long');
      const f = figures(short, long);
      perTool.get(g.name)?.push(f);
      process.stdout.write(
        `  rep ${rep + 1} ${g.name.padEnd(10)} ${fmt(f.rps, 0)} req/s, ${fmt(f.cpuPer10k, 3)} CPU-s/10k, ` +
          `${f.connections} connections${f.errors ? `, ${f.errors} errors (${f.note ?? ''})` : ''}\n`,
      );
    }
  }
  report(perTool);
  await stop(server);
}

interface Figures {
  marginalRequests: number;
  spanS: number;
  rps: number;
  cpuPer10k: number;
  wholeCpuPer10k: number;
  serverCpuPer10k: number;
  connections: number;
  errors: number;
  note?: string;
  inProcessPer10k?: number;
}

function figures(short: Run, long: Run): Figures {
  const n = long.requests - short.requests;
  const inProcess = long.inProcessPer10k;
  return {
    marginalRequests: n,
    spanS: long.spanS,
    rps: long.requests / long.spanS,
    cpuPer10k: ((long.cpuS - short.cpuS) / n) * 1e4,
    wholeCpuPer10k: (long.cpuS / long.requests) * 1e4,
    serverCpuPer10k: ((long.serverCpuS - short.serverCpuS) / n) * 1e4,
    connections: long.connections,
    errors: short.errors + long.errors,
    ...(short.note || long.note ? { note: long.note ?? short.note } : {}),
    ...(inProcess === undefined ? {} : { inProcessPer10k: inProcess }),
  };
}

function report(perTool: Map<string, Figures[]>): void {
  const med = (name: string, key: keyof Figures) =>
    median((perTool.get(name) ?? []).map((f) => f[key]).filter((v): v is number => typeof v === 'number'));
  const rows = [
    [
      'generator',
      'req/s',
      'CPU-s/10k req',
      'whole-process CPU-s/10k',
      'server CPU-s/10k',
      'connections',
      'errors',
    ],
  ];
  for (const name of perTool.keys()) {
    rows.push([
      name,
      fmt(med(name, 'rps'), 0),
      fmt(med(name, 'cpuPer10k'), 3),
      fmt(med(name, 'wholeCpuPer10k'), 3),
      fmt(med(name, 'serverCpuPer10k'), 3),
      fmt(med(name, 'connections'), 0),
      String((perTool.get(name) ?? []).reduce((a, f) => a + f.errors, 0)),
    ]);
  }
  process.stdout.write(
    `\nmedian of ${REPS} (CPU-s/10k = steady-state CPU of the generator process per 10,000 requests)\n`,
  );
  process.stdout.write(`${table(rows)}\n\n`);
  const g = med('gauntlet', 'cpuPer10k');
  const inProcess = med('gauntlet', 'inProcessPer10k');
  process.stdout.write(
    `gauntlet in-process cross-check (process.cpuUsage after ${WARMUP} requests): ${fmt(inProcess, 3)} CPU-s/10k\n`,
  );
  for (const peer of ['autocannon', 'wrk']) {
    if (!perTool.has(peer)) continue;
    const p = med(peer, 'cpuPer10k');
    process.stdout.write(
      `ratio gauntlet/${peer}: CPU per request ${ratio(g, p)}, req/s ${ratio(med('gauntlet', 'rps'), med(peer, 'rps'))}\n`,
    );
  }
  const ac = med('autocannon', 'cpuPer10k');
  if (Number.isFinite(ac)) {
    process.stdout.write(
      `issue #3 target (CPU per request no worse than autocannon's): ${g <= ac ? 'met' : 'NOT met'} on this run\n`,
    );
  }
}

type Measure = (
  cmd: string,
  argv: string[],
  parseErrors: (m: Measured) => { errors: number; note?: string },
) => Promise<Run>;

async function gauntlet(url: string, measure: Measure): Promise<Generator> {
  const client = await bundle(join(here, 'gauntlet-client.ts'));
  if (client.how === 'tsx')
    process.stderr.write('note: esbuild not loadable; the gauntlet client runs under tsx\n');
  return {
    name: 'gauntlet',
    run: async (size) => {
      const requests = size === 'short' ? WARMUP : WARMUP + MARGINAL;
      const argv = [
        ...client.argv,
        '--url',
        url,
        '--concurrency',
        String(C),
        '--requests',
        String(requests),
        '--method',
        METHOD,
      ];
      if (size === 'long') argv.push('--warmup', String(WARMUP));
      let out: { errors?: number; firstError?: string; measured?: { requests: number; cpuS: number } } = {};
      const run = await measure(process.execPath, argv, (m) => {
        out = JSON.parse(m.stdout.trim().split('\n').pop() ?? '{}');
        return { errors: out.errors ?? 0, ...(out.firstError ? { note: out.firstError } : {}) };
      });
      if (out.measured) run.inProcessPer10k = (out.measured.cpuS / out.measured.requests) * 1e4;
      return run;
    },
  };
}

function autocannon(url: string, measure: Measure): Generator {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('autocannon/package.json');
  const bin = join(dirname(pkgPath), (require(pkgPath) as { bin: { autocannon: string } }).bin.autocannon);
  return {
    name: 'autocannon',
    run: (size) => {
      const amount = size === 'short' ? WARMUP : WARMUP + MARGINAL;
      const argv = [bin, '-c', String(C), '-a', String(amount), '-j'];
      if (METHOD === 'POST') argv.push('-m', 'POST', '-H', 'content-type=application/json', '-b', POST_BODY);
      argv.push(url);
      return measure(process.execPath, argv, (m) => {
        const r = JSON.parse(m.stdout.trim().split('\n').pop() ?? '{}') as {
          errors?: number;
          non2xx?: number;
        };
        const errors = (r.errors ?? 0) + (r.non2xx ?? 0);
        return { errors, ...(errors ? { note: `errors ${r.errors}, non-2xx ${r.non2xx}` } : {}) };
      });
    },
  };
}

// wrk runs for whole seconds (it has no request count): the long run lasts about MARGINAL requests longer.
function wrk(path: string, url: string, measure: Measure): Generator {
  let extraSeconds: number | undefined;
  let script: string | undefined;
  return {
    name: 'wrk',
    run: async (size) => {
      if (METHOD === 'POST' && !script) script = wrkPostScript();
      const seconds = size === 'short' ? 1 : 1 + (extraSeconds ?? 1);
      const argv = ['-t', '1', '-c', String(C), '-d', `${seconds}s`, ...(script ? ['-s', script] : []), url];
      const run = await measure(path, argv, (m) => {
        const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(m.stdout)?.[1] ?? 0);
        const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(m.stdout);
        const socketErrors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
        const errors = non2xx + socketErrors;
        return { errors, ...(errors ? { note: `non-2xx ${non2xx}, socket errors ${socketErrors}` } : {}) };
      });
      // The warm-up pass runs a 1 s run first: the long runs are sized from its rate.
      if (size === 'short' && extraSeconds === undefined)
        extraSeconds = Math.max(1, Math.round(MARGINAL / run.requests));
      return run;
    },
  };
}

function wrkPostScript(): string {
  const file = join(scratch(), 'post.lua');
  writeFileSync(
    file,
    `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nwrk.body = ${JSON.stringify(POST_BODY)}\n`,
  );
  return file;
}

await main();
