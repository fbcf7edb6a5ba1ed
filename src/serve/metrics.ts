/**
 * Server metrics in the Prometheus text format (version 0.0.4), so the load stage and any Prometheus
 * scraper can read the server's own view: requests, queue, tokens, and time to first token.
 */

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

  constructor(private readonly gauges: GaugeSource) {}

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
    return `${out.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
