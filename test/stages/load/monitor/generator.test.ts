import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createGeneratorMonitor } from '../../../../src/stages/load/monitor/index.js';

// Holds the event loop the way an overloaded generator does: nothing else can run meanwhile.
function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('createGeneratorMonitor', () => {
  it('sees a blocked event loop as lag and calls the generator saturated', async () => {
    const monitor = createGeneratorMonitor({ intervalMs: 100 });
    monitor.start();
    // Let the lag timer tick once first: the delay before its first tick is not measured.
    await delay(30);
    busyWait(100);
    await delay(30);

    const blocked = monitor.snapshot();
    expect(blocked.loopLagMaxMs).toBeGreaterThanOrEqual(80);
    expect(blocked.loopLagP99Ms).toBeGreaterThanOrEqual(80);
    expect(blocked.loopLagP50Ms).toBeLessThan(blocked.loopLagP99Ms);
    expect(blocked.elu).toBeGreaterThan(0.4);

    // The snapshot reset its histogram: the next interval is calm.
    await delay(50);
    const calm = monitor.snapshot();
    expect(calm.loopLagMaxMs).toBeLessThan(80);
    expect(calm.elu).toBeLessThan(blocked.elu);
    // CPU shares depend on what else the machine runs; the spin must still show against the calm.
    expect(blocked.cpuPct).toBeGreaterThan(calm.cpuPct);

    const result = await monitor.stop();
    expect(result.loopLagMaxMs).toBeGreaterThanOrEqual(80);
    expect(result.loopLagP99Ms).toBeGreaterThanOrEqual(80);
    expect(result.cpuPeakPct).toBeGreaterThan(calm.cpuPct);
    expect(result.cpuMeanPct).toBeGreaterThan(0);
    expect(result.cpuMeanPct).toBeLessThanOrEqual(result.cpuPeakPct);
    expect(result.eluMean).toBeGreaterThan(0);
    expect(result.eluMean).toBeLessThanOrEqual(1);
    expect(result.saturated).toBe(true);
    expect(result.reasons[0]).toMatch(
      /^event-loop lag p99 \d+ ms > 20 ms: timing figures are unreliable; lower the rate or use more workers$/,
    );
    expect(await monitor.stop()).toBe(result);
  });

  it('reports zeros before start and after stop', async () => {
    const monitor = createGeneratorMonitor();
    const zero = { loopLagP50Ms: 0, loopLagP99Ms: 0, loopLagMaxMs: 0, cpuPct: 0, elu: 0 };
    expect(monitor.snapshot()).toEqual(zero);
    const result = await monitor.stop();
    expect(result).toMatchObject({ loopLagP99Ms: 0, cpuPeakPct: 0, saturated: false, reasons: [] });
    monitor.start();
    expect(monitor.snapshot()).toEqual(zero);
  });
});
