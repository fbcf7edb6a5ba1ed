/**
 * Monitors that run beside a load test: the generator's own health, the target's availability, its
 * Prometheus metrics, and its GPUs. Each has start(), snapshot() per interval, and stop() for the run.
 */

export {
  createGeneratorMonitor,
  type GeneratorMonitorOptions,
  type GeneratorResult,
  type GeneratorSnapshot,
} from './generator.js';
export {
  CPU_LIMIT_PCT,
  ELU_LIMIT,
  type GeneratorFigures,
  type GeneratorVerdict,
  HOT_INTERVAL_SHARE,
  judgeGenerator,
  LOOP_LAG_P99_LIMIT_MS,
} from './generator-verdict.js';
export {
  createGpuSampler,
  type GpuResult,
  type GpuSampler,
  type GpuSamplerOptions,
  type GpuSummary,
} from './gpu.js';
export {
  createHealthProbe,
  type HealthProbeOptions,
  type HealthResult,
  type HealthSnapshot,
  type Outage,
} from './health.js';
export { GPU_QUERY_ARGS, type GpuSample, parseNvidiaSmiCsv } from './nvidia-smi.js';
export {
  createPrometheusScraper,
  DEFAULT_SCRAPE_METRICS,
  matchesMetric,
  type ScrapeResult,
  type ScraperOptions,
  type SeriesStats,
} from './prometheus.js';
export {
  type PromPage,
  type PromSample,
  parsePrometheusText,
  parseValue,
  seriesKey,
} from './prometheus-text.js';
export type { Monitor } from './types.js';
