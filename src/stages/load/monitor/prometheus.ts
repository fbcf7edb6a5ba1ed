/**
 * Scrapes the target's Prometheus `/metrics` beside the load, so the report can show the server's own
 * view (queue length, running requests, KV-cache use) next to the client's latencies.
 */
import { Agent } from 'undici';
import { httpGet } from './http-get.js';
import { parsePrometheusText, seriesKey } from './prometheus-text.js';
import { startTicker, type Ticker } from './ticker.js';
import type { Monitor } from './types.js';

/** The queue and batch gauges of vLLM, TGI and Gauntlet's reference server. */
export const DEFAULT_SCRAPE_METRICS: readonly string[] = [
  'vllm:num_requests_running',
  'vllm:num_requests_waiting',
  // vLLM renamed the KV-cache gauge in its V1 engine; either may be served.
  'vllm:gpu_cache_usage_perc',
  'vllm:kv_cache_usage_perc',
  'vllm:num_preemptions_total',
  'tgi_queue_size',
  'tgi_batch_current_size',
  'gauntlet_requests_in_flight',
  'gauntlet_queue_depth',
  'gauntlet_active_sequences',
];

// A listed family name also selects the series a histogram, summary or counter spreads it over.
const FAMILY_SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

export interface ScraperOptions {
  /** The exposition URL, e.g. `${base}/metrics`. */
  url: string;
  intervalMs?: number;
  /** Per-scrape limit; defaults to `intervalMs`. */
  timeoutMs?: number;
  /** Metric names (or family names) to keep; a trailing `*` matches a prefix, `['*']` keeps all. */
  metrics?: readonly string[];
}

/** The range of one series over the run. */
export interface SeriesStats {
  min: number;
  max: number;
  last: number;
}

/** Whole-run scraping. */
export interface ScrapeResult {
  /** Scrapes attempted (failures included). */
  scrapes: number;
  failures: number;
  lastError?: string;
  /** Keyed like `name{a="b"}`; NaN samples count only as `last`. */
  series: Record<string, SeriesStats>;
}

/** True when a sample named `name` is selected by `patterns`. */
export function matchesMetric(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    if (p.endsWith('*')) return name.startsWith(p.slice(0, -1));
    return name === p || FAMILY_SUFFIXES.some((s) => name === p + s);
  });
}

/** Creates a scraper of Prometheus text at `url`; a failed scrape is counted, never thrown. */
export function createPrometheusScraper(opts: ScraperOptions): Monitor<Record<string, number>, ScrapeResult> {
  const intervalMs = opts.intervalMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? intervalMs;
  const patterns = opts.metrics ?? DEFAULT_SCRAPE_METRICS;
  // Private, so a scrape never waits behind the load test's requests for a connection.
  const agent = new Agent({ connections: 1, connect: { timeout: timeoutMs } });
  let scrapes = 0;
  let failures = 0;
  let lastError: string | undefined;
  let lastFailed = false;
  let latest: Record<string, number> = {};
  let interval: Record<string, number> | undefined;
  const series = new Map<string, SeriesStats>();
  let ticker: Ticker | undefined;
  let stopping: Promise<ScrapeResult> | undefined;

  const fail = (error: string) => {
    failures++;
    lastError = error;
    lastFailed = true;
  };

  const scrape = async (signal: AbortSignal) => {
    const outcome = await httpGet(opts.url, {
      dispatcher: agent,
      timeoutMs,
      signal,
      readBody: true,
      // Ask for the classic text format: OpenMetrics writes timestamps in seconds and adds `# EOF`.
      headers: { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' },
    });
    if (outcome.kind === 'aborted') return;
    scrapes++;
    if (outcome.kind === 'failed') return fail(outcome.error);
    const page = parsePrometheusText(outcome.text);
    // A page with no sample at all (an HTML error page, a wrong path) is not a metrics endpoint.
    if (page.samples.length === 0 && page.errors.length > 0)
      return fail(`not Prometheus text: ${page.errors[0]}`);
    const values: Record<string, number> = {};
    for (const s of page.samples) {
      if (matchesMetric(s.name, patterns)) values[seriesKey(s.name, s.labels)] = s.value;
    }
    for (const [key, value] of Object.entries(values)) record(series, key, value);
    latest = values;
    interval = { ...interval, ...values };
    lastFailed = false;
  };

  const finish = async (): Promise<ScrapeResult> => {
    await ticker?.stop();
    await agent.close().catch(() => undefined);
    return {
      scrapes,
      failures,
      ...(lastError === undefined ? {} : { lastError }),
      series: Object.fromEntries(series),
    };
  };

  return {
    start() {
      if (ticker || stopping) return;
      ticker = startTicker(intervalMs, scrape);
    },
    snapshot() {
      // Latest value per series from the scrapes since the last snapshot. When none finished in the
      // interval (timing jitter), carry the last values forward unless the target has stopped answering.
      const out = interval ?? (lastFailed ? {} : { ...latest });
      interval = undefined;
      return out;
    },
    stop() {
      stopping ??= finish();
      return stopping;
    },
  };
}

function record(series: Map<string, SeriesStats>, key: string, value: number): void {
  const stats = series.get(key) ?? { min: Number.NaN, max: Number.NaN, last: value };
  stats.last = value;
  if (!Number.isNaN(value)) {
    stats.min = Number.isNaN(stats.min) ? value : Math.min(stats.min, value);
    stats.max = Number.isNaN(stats.max) ? value : Math.max(stats.max, value);
  }
  series.set(key, stats);
}
