/**
 * bench/stream-overhead: the load engine's CPU per 1M streamed tokens at 256 concurrent streams, and its
 * TTFT error (when the client saw the first content minus when the server wrote the first token), against
 * a raw node:http reader that does nothing but stamp the first chunk, both measured in the same run.
 *
 * The reference server (`gauntlet serve --record`) runs in its own process; each client runs in its own
 * process, warms up, then measures its own CPU (process.cpuUsage) over the measured requests only. The
 * server's /debug/requests gives its first-token write time per request (epoch ms), joined on the request id.
 *
 *   npx tsx bench/stream-overhead/run.ts [--tokens 1000000] [--concurrency 256] [--max-tokens 256]
 *                                        [--per-token-ms 10] [--ttft-ms 5] [--reps 1] [--cpu-prof DIR]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestRecord } from '../../src/serve/index.js';
import { bundle, type Runnable } from '../lib/bundle.js';
import { forkTracked, nextMessage, procTicks, scratch, stop, track } from '../lib/children.js';
import { flags, fmt, median, numberFlag, percentile, ratio, table } from '../lib/stats.js';
import type { ClientOptions, ResultMessage, WarmMessage } from './common.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = flags(process.argv.slice(2));
const TOKENS = numberFlag(args, 'tokens', 1_000_000);
const C = numberFlag(args, 'concurrency', 256);
const MAX_TOKENS = numberFlag(args, 'max-tokens', 256);
const PER_TOKEN_MS = numberFlag(args, 'per-token-ms', 10);
const TTFT_MS = numberFlag(args, 'ttft-ms', 5);
const REPS = numberFlag(args, 'reps', 1);
const REQUESTS = Math.ceil(TOKENS / MAX_TOKENS);
// Writes a V8 CPU profile of each client there (slows the clients: figures from such a run are not comparable).
const PROFILE_DIR = args.get('cpu-prof');
const MODEL = 'gauntlet-sim';
// The server keeps its last 10,000 request records.
const MAX_RECORDS = 10_000;
const CLK_TCK = 100;

interface Figures {
  name: string;
  requests: number;
  joined: number;
  tokens: number;
  clientTokens?: number;
  errors: number;
  firstError?: string;
  wallS: number;
  cpuS: number;
  sysS: number;
  cpuPer1M: number;
  serverCpuS: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  errMedianMs: number;
  errP99Ms: number;
  errMaxMs: number;
  errMinMs: number;
}

async function main(): Promise<void> {
  if (REQUESTS > MAX_RECORDS) {
    process.stderr.write(
      `--tokens ${TOKENS} needs ${REQUESTS} requests; the server records only ${MAX_RECORDS}\n`,
    );
    process.exit(2);
  }
  const config = join(scratch(), 'serve.yaml');
  writeFileSync(
    config,
    [
      'latency:',
      `  ttft: { dist: fixed, ms: ${TTFT_MS} }`,
      `  perToken: { dist: fixed, ms: ${PER_TOKEN_MS} }`,
      'capacity:',
      `  maxConcurrent: ${C}`,
      `  maxQueue: ${Math.max(1024, C)}`,
      // Batching slowdown off: the bench is about the client, not about a simulated GPU's batching curve.
      '  perSequenceSlowdown: 0',
      '',
    ].join('\n'),
  );
  const { server, origin } = await startServer(config);
  const clients: Record<string, Runnable> = {
    gauntlet: await bundle(join(here, 'engine-client.ts')),
    'raw node:http': await bundle(join(here, 'raw-client.ts')),
  };
  process.stdout.write(
    `stream-overhead: ${C} concurrent streams, max_tokens ${MAX_TOKENS}, ${REQUESTS} requests ` +
      `(${REQUESTS * MAX_TOKENS} tokens) per client per repetition, ${REPS} repetition(s); reference server ` +
      `(ttft ${TTFT_MS} ms, ${PER_TOKEN_MS} ms/token: offers ${fmt((C * 1000) / PER_TOKEN_MS, 0)} tokens/s) ` +
      `in its own process; ${cpus().length} CPUs shared by server and client; node ${process.version}\n`,
  );

  const results = new Map<string, Figures[]>(Object.keys(clients).map((k) => [k, []]));
  for (let rep = 0; rep < REPS; rep++) {
    const names = Object.keys(clients);
    if (rep % 2 === 1) names.reverse();
    for (const name of names) {
      const f = await runClient(name, clients[name] as Runnable, server, origin);
      results.get(name)?.push(f);
      process.stdout.write(
        `  rep ${rep + 1} ${name.padEnd(13)} ${f.tokens} tokens in ${fmt(f.wallS, 1)} s, ${fmt(f.cpuPer1M, 2)} CPU-s/1M tokens, ` +
          `TTFT error p99 ${fmt(f.errP99Ms, 3)} ms${f.errors ? `, ${f.errors} errors: ${f.firstError}` : ''}\n`,
      );
    }
  }
  report(results);
  await stop(server, 5_000);
}

async function startServer(config: string): Promise<{ server: ChildProcess; origin: string }> {
  const server = track(
    spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--port', '0', '--record', '--config', config],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  // Kept for an error message only: the server says "SIGTERM: stopping cleanly" when it is stopped.
  let stderr = '';
  server.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000);
  });
  const origin = await new Promise<string>((resolveOrigin, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s: ${out}`)), 30_000);
    server.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (\S+)\/v1/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveOrigin(m[1] as string);
      }
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}${stderr}`)));
  });
  return { server, origin };
}

const isType =
  <T>(type: string) =>
  (m: unknown): m is T =>
    typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;

async function runClient(
  name: string,
  client: Runnable,
  server: ChildProcess,
  origin: string,
): Promise<Figures> {
  const opts: ClientOptions = {
    origin,
    model: MODEL,
    concurrency: C,
    requests: REQUESTS,
    warmupRequests: C,
    maxTokens: MAX_TOKENS,
  };
  const script = client.argv[client.argv.length - 1] as string;
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(PROFILE_DIR)] : [];
  const child = forkTracked(script, [JSON.stringify(opts)], [...profile, ...client.argv.slice(0, -1)]);
  try {
    await nextMessage(child, isType<WarmMessage>('warm'), 120_000);
    await call(origin, 'DELETE');
    const before = procTicks(server.pid);
    child.send({ type: 'go' });
    const result = await nextMessage(child, isType<ResultMessage>('result'), 600_000);
    const after = procTicks(server.pid);
    const serverCpuS = before && after ? (after[0] + after[1] - before[0] - before[1]) / CLK_TCK : Number.NaN;
    const records = ((await call(origin, 'GET')) as { data: RequestRecord[] }).data;
    return figures(name, result, records, serverCpuS);
  } finally {
    // A client exits by itself once its result is sent (and, with --cpu-prof, its profile written).
    await stop(child, 2_000, 10_000);
  }
}

async function call(origin: string, method: 'GET' | 'DELETE'): Promise<unknown> {
  const res = await fetch(`${origin}/debug/requests`, { method });
  if (!res.ok) throw new Error(`${method} /debug/requests answered ${res.status}`);
  return res.json();
}

function figures(name: string, r: ResultMessage, records: RequestRecord[], serverCpuS: number): Figures {
  const byId = new Map(records.map((rec) => [rec.id, rec]));
  const errors: number[] = [];
  for (const s of r.samples) {
    const first = s.id === undefined ? undefined : byId.get(s.id)?.tokenTimes[0];
    if (s.ok && s.firstEpochMs !== undefined && first !== undefined) errors.push(s.firstEpochMs - first);
  }
  errors.sort((a, b) => a - b);
  const tokens = records.reduce((sum, rec) => sum + rec.tokenTimes.length, 0);
  return {
    name,
    requests: r.samples.length,
    joined: errors.length,
    tokens,
    ...(r.clientTokens === undefined ? {} : { clientTokens: r.clientTokens }),
    errors: r.errors,
    ...(r.firstError ? { firstError: r.firstError } : {}),
    wallS: r.wallS,
    cpuS: r.cpuS,
    sysS: r.sysS,
    cpuPer1M: (r.cpuS / tokens) * 1e6,
    serverCpuS,
    loopDelayP99Ms: r.loopDelayP99Ms,
    loopDelayMaxMs: r.loopDelayMaxMs,
    errMedianMs: percentile(errors, 50),
    errP99Ms: percentile(errors, 99),
    errMaxMs: errors.length ? (errors[errors.length - 1] as number) : Number.NaN,
    errMinMs: errors.length ? (errors[0] as number) : Number.NaN,
  };
}

function report(results: Map<string, Figures[]>): void {
  const med = (name: string, key: keyof Figures) =>
    median((results.get(name) ?? []).map((f) => f[key]).filter((v): v is number => typeof v === 'number'));
  const rows = [
    [
      'client',
      'tokens',
      'tokens/s',
      'CPU-s (sys)',
      'CPU-s/1M tok',
      'server CPU-s',
      'loop delay p99/max ms',
      'TTFT err median ms',
      'p99 ms',
      'max ms',
      'min ms',
      'joined',
    ],
  ];
  for (const name of results.keys()) {
    rows.push([
      name,
      fmt(med(name, 'tokens'), 0),
      fmt(med(name, 'tokens') / med(name, 'wallS'), 0),
      `${fmt(med(name, 'cpuS'), 2)} (${fmt(med(name, 'sysS'), 2)})`,
      fmt(med(name, 'cpuPer1M'), 2),
      fmt(med(name, 'serverCpuS'), 1),
      `${fmt(med(name, 'loopDelayP99Ms'), 1)}/${fmt(med(name, 'loopDelayMaxMs'), 1)}`,
      fmt(med(name, 'errMedianMs'), 3),
      fmt(med(name, 'errP99Ms'), 3),
      fmt(med(name, 'errMaxMs'), 3),
      fmt(med(name, 'errMinMs'), 3),
      `${fmt(med(name, 'joined'), 0)}/${fmt(med(name, 'requests'), 0)}`,
    ]);
  }
  process.stdout.write(
    `\n${REPS > 1 ? `median of ${REPS}; ` : ''}TTFT error = client's first content arrival - server's first token write (epoch ms, both processes)\n`,
  );
  process.stdout.write(`${table(rows)}\n\n`);
  const g = (key: keyof Figures) => med('gauntlet', key);
  const raw = (key: keyof Figures) => med('raw node:http', key);
  const clientTokens = g('clientTokens');
  if (Number.isFinite(clientTokens) && clientTokens !== g('tokens')) {
    process.stdout.write(
      `note: gauntlet counted ${clientTokens} output tokens, the server wrote ${g('tokens')}\n`,
    );
  }
  process.stdout.write(`ratio gauntlet/raw: CPU per token ${ratio(g('cpuPer1M'), raw('cpuPer1M'))}, `);
  process.stdout.write(
    `TTFT error median ${ratio(g('errMedianMs'), raw('errMedianMs'))}, p99 ${ratio(g('errP99Ms'), raw('errP99Ms'))} ` +
      `(p99 excess over raw ${fmt(g('errP99Ms') - raw('errP99Ms'), 3)} ms)\n`,
  );
  const scaled = TOKENS === 1_000_000 ? '' : ` (scaled from ${REQUESTS * MAX_TOKENS} tokens)`;
  process.stdout.write(
    `gauntlet: ${fmt(g('cpuPer1M'), 2)} CPU-s per 1M streamed tokens at ${C} streams${scaled}\n`,
  );
  process.stdout.write(
    `issue #3 target (TTFT error p99 < 1 ms at 256 streams): ${g('errP99Ms') < 1 ? 'met' : 'NOT met'} on this run` +
      `${C === 256 ? '' : ` (at ${C} streams, not the target's 256)`} ` +
      `(gauntlet p99 ${fmt(g('errP99Ms'), 3)} ms; raw reader p99 ${fmt(raw('errP99Ms'), 3)} ms; server and client share ${cpus().length} CPUs)\n`,
  );
}

await main();
