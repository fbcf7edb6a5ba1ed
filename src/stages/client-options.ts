/** How a target's config becomes OpenAI client options: one place, for the main thread and load workers alike. */
import type { TargetConfig } from '../config/schema.js';
import type { OpenAIClientOptions } from '../target/index.js';

/** Client options for `config`, talking to `baseUrl` (the resolved URL, port filled in). */
export function clientOptions(config: TargetConfig, baseUrl: string): OpenAIClientOptions {
  return {
    baseUrl,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    headers: config.headers,
    timeouts: {
      connectMs: config.timeouts.connect,
      firstByteMs: config.timeouts.firstByte,
      idleMs: config.timeouts.idle,
      totalMs: config.timeouts.total,
    },
    retry: {
      maxRetries: config.retry.maxRetries,
      baseDelayMs: config.retry.baseDelay,
      maxDelayMs: config.retry.maxDelay,
      honorRetryAfter: config.retry.honorRetryAfter,
    },
  };
}
