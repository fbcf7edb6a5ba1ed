/** Sleeping to an absolute time without drifting, and without spinning the CPU for long. */

/**
 * Timers fire up to ~1 ms late (libuv rounds to whole ms), so the last stretch before an intended send
 * time is waited out by yielding with setImmediate: at most this many ms of spinning per wait.
 */
const SPIN_MS = 1;
/** setTimeout treats longer delays as 1 ms; longer waits loop. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves once `now()` reaches `at` (a timer, then a short spin) or `signal` aborts; never rejects. */
export async function sleepUntil(at: number, now: () => number, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    // The delay is computed from the clock every time, so lateness never accumulates.
    const left = at - now();
    if (left <= 0) return;
    if (left > SPIN_MS) await sleep(left - SPIN_MS, signal);
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
