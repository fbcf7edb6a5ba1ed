/**
 * Gauntlet's side of bench/load-overhead, run as its own process: the load engine's scheduler (closed
 * `concurrency` profile), the generic HTTP sender and the level aggregator (HDR histograms, time series),
 * which is what `gauntlet load` runs per request, minus console progress and the run store.
 *
 * Usage: node <bundle> --url http://127.0.0.1:PORT/ --concurrency 64 --requests N [--warmup W] [--method GET|POST]
 * Prints one JSON line: totals, and the CPU of this process over the requests after the first W
 * (process.cpuUsage, a cross-check of the parent's whole-process measurement).
 */
import { LevelAggregator } from '../../src/stages/load/aggregate.js';
import { createHttpSender } from '../../src/stages/load/request/index.js';
import { runSchedule } from '../../src/stages/load/scheduler/index.js';
import type { LoadRequest } from '../../src/stages/load/types.js';
import { flags, numberFlag } from '../lib/stats.js';

const args = flags(process.argv.slice(2));
const url = args.get('url') ?? 'http://127.0.0.1:8080/';
const concurrency = numberFlag(args, 'concurrency', 64);
const requests = numberFlag(args, 'requests', 10_000);
const warmup = Math.min(Number(args.get('warmup') ?? 0) || 0, requests);
const method = args.get('method') === 'POST' ? 'POST' : 'GET';

const { origin, pathname } = new URL(url);
const sender = createHttpSender({
  baseUrl: origin,
  headers: {},
  request: {
    method,
    path: pathname,
    headers: {},
    ...(method === 'POST' ? { body: { inputs: [[0.1, 0.2, 0.3, 0.4]], id: 'bench' } } : {}),
  },
  timeoutMs: 30_000,
});

const t0 = performance.now();
const aggregator = new LevelAggregator(t0, {});
let index = 0;
let done = 0;
let ok = 0;
let firstError: string | undefined;
let mark: { at: number; cpu: NodeJS.CpuUsage } | undefined =
  warmup === 0 ? { at: t0, cpu: process.cpuUsage() } : undefined;

const next = (): LoadRequest => ({ index: index++, body: {}, vars: {} });

const result = await runSchedule({
  profile: { type: 'concurrency', concurrency },
  requests,
  warmupMs: 0,
  cooldownMs: 0,
  maxInFlight: concurrency,
  maxBacklog: 0,
  next,
  send: sender,
  signal: new AbortController().signal,
  onEvent: (e) => aggregator.onEvent(e),
  onOutcome: (o) => {
    aggregator.add(o);
    done++;
    if (o.ok) ok++;
    else firstError ??= o.error?.message;
    if (done === warmup) mark = { at: performance.now(), cpu: process.cpuUsage() };
  },
});
const end = performance.now();
const cpu = mark ? process.cpuUsage(mark.cpu) : undefined;
await sender.close();

process.stdout.write(
  `${JSON.stringify({
    sent: result.sent,
    ok,
    errors: done - ok,
    firstError,
    maxInFlight: result.maxInFlightSeen,
    wallS: (end - t0) / 1000,
    measured:
      mark && cpu
        ? { requests: done - warmup, cpuS: (cpu.user + cpu.system) / 1e6, wallS: (end - mark.at) / 1000 }
        : undefined,
    e2eP50Ms: aggregator.histograms.e2e.percentile(50),
  })}\n`,
);
