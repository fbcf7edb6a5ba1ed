import { describe, expect, it } from 'vitest';
import {
  type ArrivalClock,
  constantArrivals,
  poissonArrivals,
  rampingArrivals,
} from '../../../../src/stages/load/scheduler/arrivals.js';
import { mulberry32 } from '../../../../src/stages/load/scheduler/prng.js';
import { concurrencySteps } from '../../../../src/stages/load/scheduler/ramp.js';

function take(clock: ArrivalClock, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = clock();
    if (t === undefined) break;
    out.push(t);
  }
  return out;
}

function countIn(times: readonly number[], from: number, to: number): number {
  return times.filter((t) => t >= from && t < to).length;
}

describe('constant arrivals', () => {
  it('are absolute: t_i = i / rate, with no accumulated rounding', () => {
    const times = take(constantArrivals(3), 100_001);
    expect(times.slice(0, 4)).toEqual([0, 1000 / 3, 2000 / 3, 1000]);
    expect(times[100_000]).toBe(100_000_000 / 3);
  });
});

describe('poisson arrivals', () => {
  it('the same seed gives the same times, a different seed different ones', () => {
    const a = take(poissonArrivals(50, 7), 1000);
    expect(take(poissonArrivals(50, 7), 1000)).toEqual(a);
    const b = take(poissonArrivals(50, 8), 1000);
    expect(b.filter((t, i) => t === a[i])).toHaveLength(0);
  });

  it('has the mean rate and exponential gaps (coefficient of variation 1)', () => {
    const n = 200_000;
    const times = take(poissonArrivals(200, 42), n);
    expect(observedRate(times)).toBeGreaterThan(200 * 0.98);
    expect(observedRate(times)).toBeLessThan(200 * 1.02);
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    const mean = gaps.reduce((s, g) => s + g, 0) / n;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / n);
    expect(sd / mean).toBeCloseTo(1, 1);
    // Exponential: P(gap > mean) = e^-1.
    expect(gaps.filter((g) => g > 5).length / n).toBeCloseTo(Math.exp(-1), 2);
  });

  it('is increasing and never repeats a time', () => {
    const times = take(poissonArrivals(1000, 3), 10_000);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  });

  it('the PRNG is uniform on [0, 1)', () => {
    const rand = mulberry32(1);
    const draws = Array.from({ length: 100_000 }, rand);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    for (let d = 0; d < 10; d++) {
      expect(draws.filter((x) => x >= d / 10 && x < (d + 1) / 10).length).toBeGreaterThan(9_700);
    }
  });
});

function observedRate(times: readonly number[]): number {
  return ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!);
}

describe('ramping arrivals', () => {
  it('per segment, the count matches the integral of the rate', () => {
    // 0 -> 200/s over 10 s, hold 200/s for 5 s, 200 -> 50/s over 4 s.
    const times = take(
      rampingArrivals(0, [
        { duration: 10_000, target: 200 },
        { duration: 5_000, target: 200 },
        { duration: 4_000, target: 50 },
      ]),
      1e6,
    );
    expect(countIn(times, 0, 10_000)).toBe(1000);
    expect(countIn(times, 10_000, 15_000)).toBe(1000);
    expect(countIn(times, 15_000, 19_000)).toBe(500);
    expect(times).toHaveLength(2500);
    // Inside the first segment, N(t) = 10 t^2 (t in s): arrival i at sqrt(i / 10) s.
    expect(times[10]).toBeCloseTo(1000, 6);
    expect(times[250]).toBeCloseTo(5000, 6);
    // Quarter-way points of the ramp: the integral of the rate to 2.5 s is 62.5 arrivals.
    expect(countIn(times, 0, 2500)).toBe(63);
  });

  it('a constant ramp gives exactly the constant-rate times', () => {
    const ramp = take(rampingArrivals(40, [{ duration: 10_000, target: 40 }]), 1e6);
    expect(ramp).toHaveLength(400);
    ramp.forEach((t, i) => {
      expect(t).toBeCloseTo((i * 1000) / 40, 6);
    });
  });

  it('a rate of 0 pauses arrivals until the rate rises again', () => {
    const times = take(
      rampingArrivals(0, [
        { duration: 3000, target: 100 },
        { duration: 3000, target: 0 },
        { duration: 3000, target: 0 },
        { duration: 3000, target: 100 },
      ]),
      1e6,
    );
    expect(countIn(times, 0, 3000)).toBe(150);
    expect(countIn(times, 3000, 6000)).toBe(150);
    expect(countIn(times, 6000, 9000)).toBe(0);
    // The arrival due as the pause begins waits for its end.
    expect(times[300]).toBe(9000);
    expect(countIn(times, 9000, 12_000)).toBe(150);
    expect(times).toHaveLength(450);
  });

  it('a pause at the start sends nothing before the rate rises', () => {
    const times = take(
      rampingArrivals(0, [
        { duration: 1000, target: 0 },
        { duration: 1000, target: 10 },
      ]),
      100,
    );
    expect(times[0]).toBe(1000);
    expect(times).toHaveLength(5);
  });

  it('zero-length stages jump, and the run ends with the stages', () => {
    const times = take(
      rampingArrivals(0, [
        { duration: 0, target: 100 },
        { duration: 1000, target: 100 },
      ]),
      1e6,
    );
    expect(times).toHaveLength(100);
    expect(times[1]).toBeCloseTo(10, 9);
    expect(take(rampingArrivals(0, [{ duration: 1000, target: 0 }]), 10)).toEqual([]);
  });
});

describe('ramping concurrency steps', () => {
  it('follow the nearest integer to the line, up and down', () => {
    const steps = concurrencySteps(0, [
      { duration: 1000, target: 4 },
      { duration: 500, target: 4 },
      { duration: 1000, target: 0 },
    ]);
    expect(steps).toEqual([
      { atMs: 0, count: 0 },
      { atMs: 125, count: 1 },
      { atMs: 375, count: 2 },
      { atMs: 625, count: 3 },
      { atMs: 875, count: 4 },
      { atMs: 1625, count: 3 },
      { atMs: 1875, count: 2 },
      { atMs: 2125, count: 1 },
      { atMs: 2375, count: 0 },
    ]);
  });

  it('start at `start`, jump on zero-length stages, and skip flat stages', () => {
    expect(
      concurrencySteps(3, [
        { duration: 0, target: 5 },
        { duration: 1000, target: 5 },
      ]),
    ).toEqual([
      { atMs: 0, count: 3 },
      { atMs: 0, count: 5 },
    ]);
  });
});
