/**
 * Bearer-token authentication and a token-bucket rate limit, both failing the way OpenAI does
 * (401 `invalid_api_key`, 429 `rate_limit_exceeded` with Retry-After).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError, retryAfterHeader } from './api-error.js';

/** Checks `Authorization: Bearer KEY`; returns the key so limits can be kept per key. */
export function authenticate(header: string | undefined, keys: readonly string[]): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) {
    throw new ApiError(
      401,
      "You didn't provide an API key. Send it in an Authorization header: 'Authorization: Bearer YOUR_KEY'.",
      { type: 'invalid_request_error', code: 'invalid_api_key' },
    );
  }
  const given = digest(match[1] as string);
  // Compare digests in constant time so neither the key nor its length leaks through timing.
  const found = keys.find((k) => timingSafeEqual(digest(k), given));
  if (found === undefined) {
    throw new ApiError(401, 'Incorrect API key provided. Check the key the server was started with.', {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    });
  }
  return found;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** A token bucket per caller: `burst` requests at once, refilled at `requestsPerSecond`. */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly requestsPerSecond: number,
    readonly burst: number,
  ) {}

  /** Takes one token for `caller` at time `nowMs`, or throws a 429 saying when to retry. */
  take(caller: string, nowMs: number): void {
    const bucket = this.#buckets.get(caller) ?? { tokens: this.burst, updated: nowMs };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((nowMs - bucket.updated) / 1000) * this.requestsPerSecond,
    );
    bucket.updated = nowMs;
    this.#buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const waitS = (1 - bucket.tokens) / this.requestsPerSecond;
    throw new ApiError(
      429,
      `Rate limit reached: ${this.requestsPerSecond} requests per second (burst ${this.burst}). ` +
        `Retry after ${Math.max(1, Math.ceil(waitS))}s.`,
      { type: 'requests', code: 'rate_limit_exceeded', headers: retryAfterHeader(waitS) },
    );
  }
}
