import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, parseRetryAfter, retryDelayMs, sleep } from '../../src/target/retry.js';

describe('retry', () => {
  it('parses Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after-ms': '150', 'retry-after': '9' }, now)).toBe(150);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });

  it('uses full jitter under an exponential ceiling capped by maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(0, policy, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(2, policy, undefined, () => 0.5)).toBe(200);
    expect(retryDelayMs(10, policy, undefined, () => 0.999)).toBe(999);
    expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(0);
  });

  it('honours Retry-After up to maxDelayMs, and ignores it when told to', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 5000 };
    expect(retryDelayMs(0, policy, 2000, () => 0)).toBe(2000);
    expect(retryDelayMs(0, policy, 60_000, () => 0)).toBe(5000);
    expect(retryDelayMs(0, { ...policy, honorRetryAfter: false }, 2000, () => 0.5)).toBe(50);
  });

  it('sleep rejects with the abort reason', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
