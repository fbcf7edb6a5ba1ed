/** Shared helpers for the monitor tests. */
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`.
 * Tests wait for what they need to see instead of sleeping a fixed time, so a loaded CI machine only
 * makes them slower, not wrong.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(5);
  }
}
