import { describe, expect, it } from 'vitest';
import { poissonArrivals } from '../../../../src/stages/load/scheduler/arrivals.js';
import { fakeSender, observedRate, record } from './fake.js';

const byIntended = <T extends { intendedAt?: number }>(xs: T[]): T[] =>
  [...xs].sort((a, b) => a.intendedAt! - b.intendedAt!);

// The tests mostly wait on timers, so they run side by side to keep the suite short.
describe.concurrent('open models: arrivals on the clock', () => {
  it.each([
    { rate: 200, durationMs: 2000 },
    { rate: 50, durationMs: 1500 },
  ])('rate $rate/s: intended times exact, sent at the target rate within 2%', async ({ rate, durationMs }) => {
    const fake = fakeSender(3);
    const { result, outcomes } = await record({ profile: { type: 'rate', rate }, durationMs, send: fake.send });
    const n = (rate * durationMs) / 1000;
    expect(result).toMatchObject({ sent: n, completed: n, dropped: 0, stoppedBy: 'duration' });
    byIntended(outcomes).forEach((o, i) => {
      expect(o.intendedAt! - result.startedAt).toBeCloseTo((i * 1000) / rate, 6);
      // Never sent before its time.
      expect(o.sentAt).toBeGreaterThanOrEqual(o.intendedAt!);
    });
    // The criterion, over the actual send timestamps.
    expect(Math.abs(observedRate(fake.sentAt) / rate - 1)).toBeLessThan(0.02);
    // A loaded machine may be late now and then, not as a rule.
    expect(result.late).toBeLessThan(n * 0.1);
    expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(durationMs);
  });

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
    const intended = byIntended(outcomes).map((o) => o.intendedAt! - result.startedAt);
    intended.forEach((t, i) => {
      expect(t).toBeCloseTo(expected[i]!, 6);
    });
    // The intended times are not the regular grid of a constant rate.
    const gaps = intended.slice(1).map((t, i) => t - intended[i]!);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeGreaterThan(10);
    expect(result.late).toBeLessThan(expected.length * 0.1);
    // A different seed gives different times.
    const other = poissonArrivals(300, 6);
    expect(other()).not.toBeCloseTo(expected[0]!, 3);
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
    const intended = outcomes.map((o) => o.intendedAt! - result.startedAt);
    const sent = fake.sentAt.map((t) => t - result.startedAt);
    // Integrals: 50, 100, 50 arrivals.
    expect([count(intended, 0, 500), count(intended, 500, 1000), count(intended, 1000, 1500)]).toEqual([
      50, 100, 50,
    ]);
    const tolerance = 4;
    expect(Math.abs(count(sent, 0, 500) - 50)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(count(sent, 500, 1000) - 100)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(count(sent, 1000, 1600) - 50)).toBeLessThanOrEqual(tolerance);
    // Within the ramp up, the rate rises: the second half holds three times the first.
    expect(count(intended, 0, 250)).toBe(13);
    expect(count(intended, 250, 500)).toBe(37);
  });

  it('labels warm-up and cool-down by intended time', async () => {
    const { result, outcomes } = await record({
      profile: { type: 'rate', rate: 100 },
      durationMs: 500,
      warmupMs: 100,
      cooldownMs: 100,
      send: fakeSender(2).send,
    });
    const phases = byIntended(outcomes).map((o) => o.phase);
    expect(phases).toEqual([
      ...Array<string>(10).fill('warmup'),
      ...Array<string>(30).fill('measure'),
      ...Array<string>(10).fill('cooldown'),
    ]);
    expect(result.measureWindow).toEqual({ start: result.startedAt + 100, end: result.startedAt + 400 });
  });
});
