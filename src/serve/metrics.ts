/**
 * Server metrics in the Prometheus text format (version 0.0.4), so the load stage and any Prometheus
 * scraper can read the server's own view: requests, queue, tokens, and time to first token.
 */

import type { EngineInfo } from './llama/engine.js';

const TTFT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Live gauges the metrics read when scraped. */
export interface GaugeSource {
  inFlight(): number;
  queueDepth(): number;
  activeSequences(): number;
}

/** Counters and the TTFT histogram of one server. */
export class ServerMetrics {
  readonly #requests = new Map<string, number>();
  #promptTokens = 0;
  #completionTokens = 0;
  readonly #ttftBuckets = TTFT_BUCKETS.map(() => 0);
  #ttftSum = 0;
  #ttftCount = 0;

  constructor(
    private readonly gauges: GaugeSource,
    /** The real engine's load figures, when there is one. */
    private readonly engine?: EngineInfo,
  ) {}

  /** Counts one finished HTTP request. */
  countRequest(endpoint: string, status: number): void {
    const key = `endpoint="${escapeLabel(endpoint)}",status="${status}"`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
  }

  /** Adds the tokens of one answered request. */
  countTokens(prompt: number, completion: number): void {
    this.#promptTokens += prompt;
    this.#completionTokens += completion;
  }

  /** Observes one time to first token, in seconds. */
  observeTtft(seconds: number): void {
    for (const [i, le] of TTFT_BUCKETS.entries()) {
      if (seconds <= le) this.#ttftBuckets[i] = (this.#ttftBuckets[i] as number) + 1;
    }
    this.#ttftSum += seconds;
    this.#ttftCount++;
  }

  /** The exposition text served at GET /metrics. */
  render(): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, samples: string[]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    };
    metric(
      'gauntlet_requests_total',
      'counter',
      'HTTP requests by endpoint and status code.',
      [...this.#requests].map(([labels, n]) => `gauntlet_requests_total{${labels}} ${n}`),
    );
    metric('gauntlet_requests_in_flight', 'gauge', 'Generation requests being handled.', [
      `gauntlet_requests_in_flight ${this.gauges.inFlight()}`,
    ]);
    metric('gauntlet_queue_depth', 'gauge', 'Sequences waiting for a generation slot.', [
      `gauntlet_queue_depth ${this.gauges.queueDepth()}`,
    ]);
    metric('gauntlet_active_sequences', 'gauge', 'Sequences generating now.', [
      `gauntlet_active_sequences ${this.gauges.activeSequences()}`,
    ]);
    metric('gauntlet_prompt_tokens_total', 'counter', 'Prompt tokens of answered requests.', [
      `gauntlet_prompt_tokens_total ${this.#promptTokens}`,
    ]);
    metric('gauntlet_completion_tokens_total', 'counter', 'Completion tokens sent.', [
      `gauntlet_completion_tokens_total ${this.#completionTokens}`,
    ]);
    const buckets = TTFT_BUCKETS.map(
      (le, i) => `gauntlet_ttft_seconds_bucket{le="${le}"} ${this.#ttftBuckets[i]}`,
    );
    metric('gauntlet_ttft_seconds', 'histogram', 'Time from arrival to the first token, queueing included.', [
      ...buckets,
      `gauntlet_ttft_seconds_bucket{le="+Inf"} ${this.#ttftCount}`,
      `gauntlet_ttft_seconds_sum ${this.#ttftSum}`,
      `gauntlet_ttft_seconds_count ${this.#ttftCount}`,
    ]);
    if (this.engine) out.push(...engineMetrics(this.engine));
    return `${out.join('\n')}\n`;
  }
}

/** The loaded model: how long it took, what it holds in memory, how the engine is set up. */
function engineMetrics(e: EngineInfo): string[] {
  const gauge = (name: string, help: string, value: number) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    `${name} ${value}`,
  ];
  const labels = `model="${escapeLabel(e.modelName)}",path="${escapeLabel(e.modelPath)}",architecture="${escapeLabel(e.architecture)}",device="${escapeLabel(e.gpu)}",chat_format="${escapeLabel(e.chatFormat)}"`;
  return [
    '# HELP gauntlet_engine_info The real engine: llama.cpp on this model file.',
    '# TYPE gauntlet_engine_info gauge',
    `gauntlet_engine_info{${labels}} 1`,
    ...gauge(
      'gauntlet_engine_model_load_seconds',
      'Time to load the model and make its context.',
      e.loadMs / 1000,
    ),
    ...gauge('gauntlet_engine_model_file_bytes', 'Size of the model file.', e.fileBytes),
    ...gauge(
      'gauntlet_engine_model_bytes',
      'Model weights in memory, as llama.cpp counts them.',
      e.modelBytes,
    ),
    ...gauge(
      'gauntlet_engine_context_bytes',
      'The context (KV cache and buffers) of all sequences.',
      e.contextBytes,
    ),
    ...gauge(
      'gauntlet_engine_load_rss_bytes',
      'Growth of resident memory while the model loaded.',
      e.rssDeltaBytes,
    ),
    ...gauge('gauntlet_engine_parallel_sequences', 'Sequences that generate at once.', e.parallel),
    ...gauge('gauntlet_engine_threads', 'CPU threads of the engine.', e.threads),
    ...gauge('gauntlet_engine_context_tokens', 'Context of each sequence, in tokens.', e.contextSize),
  ];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
