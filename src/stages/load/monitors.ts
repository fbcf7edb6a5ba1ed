/**
 * The monitors of one load stage, started and stopped together: the generator's own health (always), and
 * when asked the target's health probe, its Prometheus metrics and the GPUs. `tick()` gives one row of
 * extra time-series columns; `stop()` gives the gauges and the notes for the report.
 */

import { availableParallelism } from 'node:os';
import type { StageContext } from '../types.js';
import {
  createGeneratorMonitor,
  createGpuSampler,
  createHealthProbe,
  createPrometheusScraper,
  type GpuSampler,
} from './monitor/index.js';

export interface MonitorSummary {
  gauges: Record<string, number>;
  notes: string[];
  /** The generator was the bottleneck: latency figures are not to be trusted. */
  saturated: boolean;
  detail: Record<string, unknown>;
}

/** Starts the monitors a load stage asked for. */
export function startMonitors(ctx: StageContext<'load'>) {
  const origin = new URL(ctx.target.baseUrl).origin;
  const opts = ctx.stage;
  // With worker threads the process may use more than one core; the main thread aggregates beside them.
  const threads = opts.workers > 1 ? Math.min(opts.workers + 1, availableParallelism()) : 1;
  const generator = createGeneratorMonitor({ intervalMs: 1000, threads });
  const health = opts.healthProbe
    ? createHealthProbe({
        url: `${origin}${opts.healthProbe.path}`,
        intervalMs: opts.healthProbe.interval,
        timeoutMs: Math.min(5000, opts.healthProbe.interval * 2),
      })
    : undefined;
  const scraper = opts.scrape
    ? createPrometheusScraper({
        url: `${origin}${opts.scrape.path}`,
        intervalMs: opts.scrape.interval,
        ...(opts.scrape.metrics ? { metrics: opts.scrape.metrics } : {}),
      })
    : undefined;
  const gpu: GpuSampler | undefined = opts.gpu ? createGpuSampler({ intervalMs: 1000 }) : undefined;
  for (const m of [generator, health, scraper, gpu]) m?.start();

  return {
    /** One interval's figures, flattened into time-series columns. */
    tick(): Record<string, number> {
      const g = generator.snapshot();
      const row: Record<string, number> = { loopLagP99Ms: g.loopLagP99Ms, generatorCpuPct: g.cpuPct };
      if (health) {
        const h = health.snapshot();
        row.healthOk = h.ok;
        row.healthFailed = h.failed;
      }
      if (scraper) for (const [k, v] of Object.entries(scraper.snapshot())) row[`prom:${k}`] = v;
      if (gpu) {
        for (const s of gpu.snapshot()) {
          if (s.utilizationPct !== undefined) row[`gpu${s.index}:util`] = s.utilizationPct;
          if (s.memoryUsedPct !== undefined) row[`gpu${s.index}:memPct`] = s.memoryUsedPct;
          if (s.temperatureC !== undefined) row[`gpu${s.index}:tempC`] = s.temperatureC;
        }
      }
      return row;
    },

    async stop(): Promise<MonitorSummary> {
      const [g, h, p, u] = await Promise.all([
        generator.stop(),
        health?.stop(),
        scraper?.stop(),
        gpu?.stop(),
      ]);
      const gauges: Record<string, number> = {
        'generator.loop_lag_p99_ms': g.loopLagP99Ms,
        'generator.cpu_mean_pct': g.cpuMeanPct,
      };
      const notes = g.saturated
        ? [`generator saturated — timing figures are unreliable: ${g.reasons.join('; ')}`]
        : [];
      if (h && h.probes > 0) {
        gauges.uptime = h.uptime;
        if (h.failed > 0)
          notes.push(
            `health probe: ${h.failed} of ${h.probes} failed; longest outage ${Math.round(h.longestOutageMs)} ms`,
          );
      }
      if (p && p.failures > 0)
        notes.push(
          `metrics scrape failed ${p.failures} of ${p.scrapes + p.failures} times${p.lastError ? `: ${p.lastError}` : ''}`,
        );
      for (const s of u?.gpus ?? []) {
        if (s.temperatureMaxC !== undefined) gauges[`gpu${s.index}.temperature_max_c`] = s.temperatureMaxC;
        if (s.utilizationMeanPct !== undefined)
          gauges[`gpu${s.index}.utilization_mean_pct`] = s.utilizationMeanPct;
        if (s.memoryUsedMaxPct !== undefined)
          gauges[`gpu${s.index}.memory_used_max_pct`] = s.memoryUsedMaxPct;
      }
      return {
        gauges,
        notes,
        saturated: g.saturated,
        detail: { generator: g, health: h, scrape: p, gpu: u },
      };
    },
  };
}

export type StageMonitors = ReturnType<typeof startMonitors>;
