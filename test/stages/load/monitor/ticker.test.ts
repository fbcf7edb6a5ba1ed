import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startTicker } from '../../../../src/stages/load/monitor/ticker.js';
import { waitFor } from './helpers.js';

describe('startTicker', () => {
  it('never runs two ticks at once, even when a tick outlasts the interval', async () => {
    let running = 0;
    let most = 0;
    let ticks = 0;
    const origin = performance.now();
    const ticker = startTicker(10, async () => {
      ticks++;
      running++;
      most = Math.max(most, running);
      await delay(35);
      running--;
    });
    await waitFor('3 ticks', () => ticks >= 3);
    const elapsed = performance.now() - origin;
    await ticker.stop();
    expect(most).toBe(1);
    // 35 ms ticks on 10 ms slots: the slots they overran are skipped, not queued up.
    expect(ticks).toBeLessThanOrEqual(Math.floor(elapsed / 35) + 1);
  });

  it('keeps to its slots when ticks are quick', async () => {
    const starts: number[] = [];
    const origin = performance.now();
    const ticker = startTicker(20, async () => {
      starts.push(performance.now() - origin);
    });
    await waitFor('5 ticks', () => starts.length >= 5);
    await ticker.stop();
    expect(starts[0]).toBeLessThan(20);
    // One tick per slot, none doubled: Node may fire a timer a millisecond or two early against
    // performance.now() (its loop clock is cached), so allow that much.
    for (const [i, at] of starts.entries()) expect(at).toBeGreaterThanOrEqual(i * 20 - 3);
  });

  it('stops when a tick returns false, and aborts the tick in flight on stop', async () => {
    let ticks = 0;
    const done = startTicker(5, async () => {
      ticks++;
      return false;
    });
    await delay(30);
    expect(ticks).toBe(1);
    await done.stop();

    let aborted = false;
    const slow = startTicker(5, async (signal) => {
      await delay(10_000, undefined, { signal }).catch(() => {
        aborted = signal.aborted;
      });
    });
    await delay(10);
    await slow.stop();
    expect(aborted).toBe(true);
  });
});
