/**
 * Time for the simulated engine. Timestamps are epoch milliseconds with sub-millisecond precision
 * (performance.timeOrigin + performance.now()), so a client in another process can compare them with
 * its own clock; waits target absolute deadlines so per-token delays do not accumulate timer drift.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** Epoch milliseconds as a float, monotonic within this process. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves at `deadline` (from `now()`); rejects with the signal's reason if it aborts first. */
export async function sleepUntil(deadline: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  // Timers run on whole milliseconds and may fire a little early; wait again until really past.
  for (let wait = deadline - now(); wait > 0; wait = deadline - now()) {
    await delay(Math.ceil(wait), undefined, { signal });
  }
}

/** Resolves only when `signal` aborts (with its reason as the rejection): how a hung request waits. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
