/**
 * When and how long to wait before sending a request again. Exponential backoff with full jitter
 * (AWS architecture blog, "Exponential Backoff And Jitter") spreads retries of many clients apart;
 * a server's Retry-After wins when honoured, but never beyond maxDelayMs.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off (load tests must see every failure). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  honorRetryAfter: boolean;
  /** HTTP statuses worth another try. */
  retryOn: readonly number[];
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  honorRetryAfter: true,
  retryOn: [408, 409, 429, 500, 502, 503, 504],
};

/**
 * Milliseconds the server asked us to wait: `retry-after-ms` (OpenAI), else `Retry-After` as seconds or
 * an HTTP date. Header names must be lower-case, as undici gives them.
 */
export function parseRetryAfter(headers: Record<string, string>, now = Date.now()): number | undefined {
  const precise = headers['retry-after-ms']?.trim();
  if (precise && /^\d+(\.\d+)?$/.test(precise)) return Number(precise);
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (0 for the first retry); `random` is injectable for tests. */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (policy.honorRetryAfter && retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
