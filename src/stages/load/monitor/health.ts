/**
 * A health probe beside the load: a GET at a fixed interval gives an uptime percentage and the outages,
 * so a soak run can check an availability target ("> 99.9% over 24 h") while the load is on.
 */
import { Agent } from 'undici';
import { httpGet } from './http-get.js';
import { startTicker, type Ticker } from './ticker.js';
import type { Monitor } from './types.js';

export interface HealthProbeOptions {
  /** The URL to GET, e.g. `${base}/health`. */
  url: string;
  intervalMs?: number;
  /** A probe without a full answer after this long counts as failed; defaults to `intervalMs`. */
  timeoutMs?: number;
}

/** Probes answered and failed in one interval. */
export interface HealthSnapshot {
  ok: number;
  failed: number;
}

/** A run of failed probes, in milliseconds after `start()`. */
export interface Outage {
  /** When the first failed probe of the run was sent. */
  startMs: number;
  /** When the next successful probe was sent, or when the monitor stopped. */
  endMs: number;
}

/** Whole-run availability. */
export interface HealthResult {
  probes: number;
  ok: number;
  failed: number;
  /** ok / probes; NaN when no probe was made. */
  uptime: number;
  longestOutageMs: number;
  outages: Outage[];
  /** Why the most recent failed probe failed. */
  lastError?: string;
}

/** Creates a probe that GETs `url` every `intervalMs` (never two at once) and counts 2xx answers. */
export function createHealthProbe(opts: HealthProbeOptions): Monitor<HealthSnapshot, HealthResult> {
  const intervalMs = opts.intervalMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? intervalMs;
  // A private agent, so probes never queue behind the load test's requests in a shared connection pool:
  // a probe stuck behind 256 streams would report an outage that is only our own queue.
  const agent = new Agent({ connections: 1, connect: { timeout: timeoutMs } });
  const totals = { probes: 0, ok: 0, failed: 0 };
  let interval: HealthSnapshot = { ok: 0, failed: 0 };
  const outages: Outage[] = [];
  let openOutageStart: number | undefined;
  let lastError: string | undefined;
  let origin = 0;
  let ticker: Ticker | undefined;
  let stopping: Promise<HealthResult> | undefined;

  const probe = async (signal: AbortSignal) => {
    const sentAt = performance.now() - origin;
    const outcome = await httpGet(opts.url, { dispatcher: agent, timeoutMs, signal, readBody: false });
    // A probe cut short by stop() says nothing about the target.
    if (outcome.kind === 'aborted') return;
    totals.probes++;
    if (outcome.kind === 'ok') {
      totals.ok++;
      interval.ok++;
      if (openOutageStart !== undefined) outages.push({ startMs: openOutageStart, endMs: sentAt });
      openOutageStart = undefined;
    } else {
      totals.failed++;
      interval.failed++;
      lastError = outcome.error;
      openOutageStart ??= sentAt;
    }
  };

  const finish = async (): Promise<HealthResult> => {
    await ticker?.stop();
    const endMs = performance.now() - origin;
    if (openOutageStart !== undefined) outages.push({ startMs: openOutageStart, endMs });
    openOutageStart = undefined;
    await agent.close().catch(() => undefined);
    const longestOutageMs = outages.reduce((max, o) => Math.max(max, o.endMs - o.startMs), 0);
    return {
      ...totals,
      uptime: totals.probes === 0 ? Number.NaN : totals.ok / totals.probes,
      longestOutageMs,
      outages: [...outages],
      ...(lastError === undefined ? {} : { lastError }),
    };
  };

  return {
    start() {
      if (ticker || stopping) return;
      origin = performance.now();
      ticker = startTicker(intervalMs, probe);
    },
    snapshot() {
      const out = interval;
      interval = { ok: 0, failed: 0 };
      return out;
    },
    stop() {
      stopping ??= finish();
      return stopping;
    },
  };
}
