import { describe, expect, it } from 'vitest';
import { poissonArrivals } from '../../../../src/stages/load/scheduler/arrivals.js';
import type { ScheduledOutcome } from '../../../../src/stages/load/types.js';
import { fakeSender, observedRate, offsetOf, record } from './fake.js';

const byIntended = (xs: ScheduledOutcome[]): ScheduledOutcome[] =>
  [...xs].sort((a, b) => a.intendedAt! - b.intendedAt!);

/** The median of sentAt - intendedAt: robust to the odd hiccup of a loaded machine, not to a late scheduler. */
function medianLag(outcomes: ScheduledOutcome[]): number {
  const lags = outcomes.map((o) => o.sentAt - o.intendedAt!).sort((a, b) => a - b);
  return lags[Math.floor(lags.length / 2)]!;
}

// The tests mostly wait on timers, so they run side by side to keep the suite short.
describe.concurrent('open models: arrivals on the clock', () => {
  it.each([
    { rate: 200, durationMs: 2000 },
    { rate: 50, durationMs: 1500 },
  ])(
    'rate $rate/s: intended times exact, sent at the target rate within 2%',
    async ({ rate, durationMs }) => {
      const fake = fakeSender(3);
      const { result, outcomes } = await record({
        profile: { type: 'rate', rate },
        durationMs,
        send: fake.send,
      });
      const n = (rate * durationMs) / 1000;
      expect(result).toMatchObject({ sent: n, completed: n, dropped: 0, stoppedBy: 'duration' });
      byIntended(outcomes).forEach((o, i) => {
        expect(offsetOf(o.intendedAt, result.startedAt)).toBeCloseTo((i * 1000) / rate, 6);
        // Never sent before its time.
        expect(o.sentAt).toBeGreaterThanOrEqual(o.intendedAt!);
      });
      // The criterion, over the actual send timestamps.
      expect(Math.abs(observedRate(fake.sentAt) / rate - 1)).toBeLessThan(0.02);
      // Late now and then on a loaded machine (counted in result.late), not as a rule.
      expect(medianLag(outcomes)).toBeLessThan(5);
      expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(durationMs);
    },
  );

  it('poisson: the seed fixes the intended times; sends follow them', async () => {
    const fake = fakeSender(2);
    const { result, outcomes } = await record({
      profile: { type: 'poisson', rate: 300, seed: 5 },
      durationMs: 1000,
      send: fake.send,
    });
    const expected: number[] = [];
    const clock = poissonArrivals(300, 5);
    for (let t = clock()!; t < 1000; t = clock()!) expected.push(t);
    expect(result.sent).toBe(expected.length);
    const intended = byIntended(outcomes).map((o) => offsetOf(o.intendedAt, result.startedAt));
    intended.forEach((t, i) => {
      expect(t).toBeCloseTo(expected[i]!, 6);
    });
    // Not the regular grid of a constant rate.
    const gaps = intended.slice(1).map((t, i) => t - intended[i]!);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeGreaterThan(10);
    expect(medianLag(outcomes)).toBeLessThan(5);
    // A different seed gives different times.
    expect(poissonArrivals(300, 6)()).not.toBeCloseTo(expected[0]!, 3);
  });

  it('ramping-rate: arrivals per stage match the integral of the rate', async () => {
    const fake = fakeSender(2);
    const { result, outcomes } = await record({
      profile: {
        type: 'ramping-rate',
        start: 0,
        stages: [
          { duration: 500, target: 200 },
          { duration: 500, target: 200 },
          { duration: 500, target: 0 },
        ],
      },
      send: fake.send,
    });
    expect(result.stoppedBy).toBe('duration');
    const count = (times: number[], from: number, to: number): number =>
      times.filter((t) => t >= from && t < to).length;
    const intended = outcomes.map((o) => offsetOf(o.intendedAt, result.startedAt));
    // The integrals: 50, 100 and 50 arrivals; within the ramp up, the second half holds three times the first.
    expect([count(intended, 0, 500), count(intended, 500, 1000), count(intended, 1000, 1500)]).toEqual([
      50, 100, 50,
    ]);
    expect([count(intended, 0, 250), count(intended, 250, 500)]).toEqual([13, 37]);
    // Actual sends: a hiccup near a boundary moves a few across it (40 ms at 200/s = 8).
    const sent = fake.sentAt.map((t) => t - result.startedAt);
    const tolerance = 8;
    expect(Math.abs(count(sent, 0, 500) - 50)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(count(sent, 500, 1000) - 100)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(count(sent, 1000, 1600) - 50)).toBeLessThanOrEqual(tolerance);
  });

  it('labels warm-up and cool-down by intended time', async () => {
    const { result, outcomes } = await record({
      profile: { type: 'rate', rate: 100 },
      durationMs: 500,
      warmupMs: 100,
      cooldownMs: 100,
      send: fakeSender(2).send,
    });
    expect(byIntended(outcomes).map((o) => o.phase)).toEqual([
      ...Array<string>(10).fill('warmup'),
      ...Array<string>(30).fill('measure'),
      ...Array<string>(10).fill('cooldown'),
    ]);
    expect(result.measureWindow).toEqual({ start: result.startedAt + 100, end: result.startedAt + 400 });
  });
});
