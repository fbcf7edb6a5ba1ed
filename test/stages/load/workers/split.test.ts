/** Splitting one level across worker threads: the shares must add up to exactly the level. */
import { describe, expect, it } from 'vitest';
import { constantArrivals, rampingArrivals } from '../../../../src/stages/load/scheduler/arrivals.js';
import { concurrencySteps } from '../../../../src/stages/load/scheduler/ramp.js';
import {
  type LevelLimits,
  splitByWeight,
  splitEvenly,
  splitLevel,
} from '../../../../src/stages/load/workers/split.js';

const level = (over: Partial<LevelLimits>): LevelLimits => ({
  profile: { type: 'concurrency', concurrency: 8 },
  warmupMs: 0,
  cooldownMs: 0,
  maxInFlight: 1024,
  maxBacklog: 1024,
  ...over,
});

/** The count a step list sets at time t. */
const countAt = (steps: { atMs: number; count: number }[], t: number) =>
  steps.filter((s) => s.atMs <= t).at(-1)?.count ?? 0;

/** Arrival offsets (ms after the common start) of one share, as its scheduler would make them. */
function arrivalsOf(clock: () => number | undefined, offsetMs: number, horizonMs: number): number[] {
  const out: number[] = [];
  for (let t = clock(); t !== undefined && t < horizonMs; t = clock()) out.push(offsetMs + t);
  return out;
}

describe('splitEvenly and splitByWeight', () => {
  it('split whole numbers with an exact sum, the larger parts first', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(2, 4)).toEqual([1, 1, 0, 0]);
    expect(splitEvenly(0, 2)).toEqual([0, 0]);
    expect(splitByWeight(200, [3, 2])).toEqual([120, 80]);
    expect(splitByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeight(7, [5, 3, 2])).toEqual([4, 2, 1]);
    expect(splitByWeight(5, [0, 0])).toEqual([3, 2]);
  });
});

describe('closed profiles', () => {
  it('keeps synchronous on one worker with the whole level', () => {
    const shares = splitLevel(level({ profile: { type: 'synchronous' }, requests: 50, warmupMs: 100 }), 4);
    expect(shares).toEqual([
      {
        profile: { type: 'synchronous' },
        requests: 50,
        warmupMs: 100,
        cooldownMs: 0,
        maxInFlight: 1024,
        maxBacklog: 1024,
        startOffsetMs: 0,
        slot: 0,
        slots: 1,
      },
    ]);
  });

  it('splits a concurrency evenly, and the requests in proportion to it', () => {
    const even = splitLevel(level({ requests: 200 }), 2);
    expect(even.map((s) => [s.profile, s.requests, s.slot, s.slots])).toEqual([
      [{ type: 'concurrency', concurrency: 4 }, 100, 0, 2],
      [{ type: 'concurrency', concurrency: 4 }, 100, 1, 2],
    ]);
    const uneven = splitLevel(level({ profile: { type: 'throughput', concurrency: 5 }, requests: 200 }), 2);
    expect(uneven.map((s) => [s.profile, s.requests])).toEqual([
      [{ type: 'throughput', concurrency: 3 }, 120],
      [{ type: 'throughput', concurrency: 2 }, 80],
    ]);
  });

  it('starts no more workers than there are requests in flight', () => {
    const shares = splitLevel(
      level({ profile: { type: 'concurrency', concurrency: 3 }, durationMs: 1000 }),
      8,
    );
    expect(shares.map((s) => [s.profile, s.durationMs])).toEqual([
      [{ type: 'concurrency', concurrency: 1 }, 1000],
      [{ type: 'concurrency', concurrency: 1 }, 1000],
      [{ type: 'concurrency', concurrency: 1 }, 1000],
    ]);
  });

  it('splits a ramping concurrency so the counts add up to the level at every moment', () => {
    const profile = {
      type: 'ramping-concurrency' as const,
      start: 0,
      stages: [
        { duration: 1000, target: 7 },
        { duration: 500, target: 7 },
        { duration: 1000, target: 2.4 },
        { duration: 0, target: 11 },
        { duration: 800, target: 0 },
      ],
    };
    const whole = concurrencySteps(profile.start, profile.stages);
    for (const workers of [2, 3, 4]) {
      const shares = splitLevel(level({ profile, durationMs: 3300 }), workers);
      expect(shares).toHaveLength(workers);
      const parts = shares.map((s) => {
        const p = s.profile as typeof profile;
        return concurrencySteps(p.start, p.stages);
      });
      for (let t = 0.5; t < 3300; t += 7) {
        const sum = parts.reduce((a, steps) => a + Math.max(0, countAt(steps, t)), 0);
        expect(sum, `t=${t} workers=${workers}`).toBe(countAt(whole, t));
      }
    }
  });

  it('leaves out workers a small ramp never reaches', () => {
    const profile = {
      type: 'ramping-concurrency' as const,
      start: 0,
      stages: [{ duration: 1000, target: 2 }],
    };
    const shares = splitLevel(level({ profile, requests: 10 }), 4);
    expect(shares.map((s) => [s.slot, s.slots, s.requests])).toEqual([
      [0, 2, 5],
      [1, 2, 5],
    ]);
  });
});

describe('open profiles', () => {
  it('splits a constant rate with offsets that interleave the arrivals exactly', () => {
    const shares = splitLevel(level({ profile: { type: 'rate', rate: 100 }, durationMs: 2000 }), 2);
    expect(shares.map((s) => [s.profile, s.startOffsetMs, s.durationMs])).toEqual([
      [{ type: 'rate', rate: 50 }, 0, 2000],
      [{ type: 'rate', rate: 50 }, 10, 1990],
    ]);
    const merged = shares
      .flatMap((s) =>
        arrivalsOf(
          constantArrivals((s.profile as { rate: number }).rate),
          s.startOffsetMs,
          s.durationMs as number,
        ),
      )
      .sort((a, b) => a - b);
    expect(merged).toEqual(arrivalsOf(constantArrivals(100), 0, 2000));
    expect(merged).toHaveLength(200);
  });

  it('interleaves three workers to within float rounding, and shares the request limit', () => {
    const shares = splitLevel(level({ profile: { type: 'rate', rate: 30 }, requests: 10 }), 3);
    expect(shares.map((s) => s.requests)).toEqual([4, 3, 3]);
    expect(shares.map((s) => s.durationMs)).toEqual([undefined, undefined, undefined]);
    const merged = shares
      .flatMap((s) =>
        arrivalsOf(constantArrivals((s.profile as { rate: number }).rate), s.startOffsetMs, 1000).slice(
          0,
          s.requests,
        ),
      )
      .sort((a, b) => a - b);
    const single = arrivalsOf(constantArrivals(30), 0, 1000).slice(0, 10);
    merged.forEach((t, i) => {
      expect(t).toBeCloseTo(single[i] as number, 9);
    });
  });

  it('cuts the offset from warm-up and duration so phase edges stay where one thread has them', () => {
    const shares = splitLevel(
      level({ profile: { type: 'rate', rate: 4 }, durationMs: 10_000, warmupMs: 300, cooldownMs: 1000 }),
      4,
    );
    expect(shares.map((s) => [s.startOffsetMs, s.warmupMs, s.durationMs, s.cooldownMs])).toEqual([
      [0, 300, 10_000, 1000],
      [250, 50, 9750, 1000],
      [500, 0, 9500, 1000],
      [750, 0, 9250, 1000],
    ]);
  });

  it('gives Poisson workers a share of the rate each and distinct seeds, no offsets', () => {
    const shares = splitLevel(
      level({ profile: { type: 'poisson', rate: 90, seed: 42 }, durationMs: 1000 }),
      3,
    );
    expect(shares.map((s) => [s.profile, s.startOffsetMs])).toEqual([
      [{ type: 'poisson', rate: 30, seed: 42 }, 0],
      [{ type: 'poisson', rate: 30, seed: 43 }, 0],
      [{ type: 'poisson', rate: 30, seed: 44 }, 0],
    ]);
  });

  it('divides every ramping-rate value and offsets by the peak rate, ending with the stages', () => {
    const profile = {
      type: 'ramping-rate' as const,
      start: 10,
      stages: [
        { duration: 1000, target: 50 },
        { duration: 1000, target: 20 },
      ],
    };
    const shares = splitLevel(level({ profile }), 2);
    expect(shares.map((s) => [s.profile, s.startOffsetMs, s.durationMs])).toEqual([
      [
        {
          type: 'ramping-rate',
          start: 5,
          stages: [
            { duration: 1000, target: 25 },
            { duration: 1000, target: 10 },
          ],
        },
        0,
        2000,
      ],
      [
        {
          type: 'ramping-rate',
          start: 5,
          stages: [
            { duration: 1000, target: 25 },
            { duration: 1000, target: 10 },
          ],
        },
        20,
        1980,
      ],
    ]);
    // Merged, the arrivals number what one thread sends, give or take one per worker.
    const single = arrivalsOf(rampingArrivals(10, profile.stages), 0, 2000).length;
    const merged = shares.reduce((n, s) => {
      const p = s.profile as typeof profile;
      return (
        n + arrivalsOf(rampingArrivals(p.start, p.stages), s.startOffsetMs, s.durationMs as number).length
      );
    }, 0);
    expect(Math.abs(merged - single)).toBeLessThanOrEqual(2);
  });

  it('shares maxInFlight (at least 1 each) and maxBacklog', () => {
    const shares = splitLevel(
      level({ profile: { type: 'rate', rate: 10 }, durationMs: 1000, maxInFlight: 1024, maxBacklog: 10 }),
      3,
    );
    expect(shares.map((s) => [s.maxInFlight, s.maxBacklog])).toEqual([
      [342, 4],
      [341, 3],
      [341, 3],
    ]);
    const tiny = splitLevel(
      level({ profile: { type: 'rate', rate: 10 }, durationMs: 1000, maxInFlight: 2, maxBacklog: 0 }),
      4,
    );
    expect(tiny.map((s) => [s.maxInFlight, s.maxBacklog])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
  });

  it('leaves out workers whose share of the request limit is 0', () => {
    const shares = splitLevel(level({ profile: { type: 'rate', rate: 100 }, requests: 2 }), 4);
    expect(shares.map((s) => [s.slot, s.slots, s.requests, s.startOffsetMs])).toEqual([
      [0, 2, 1, 0],
      [1, 2, 1, 10],
    ]);
  });
});

describe('limits', () => {
  it('needs a duration or a request count, as the scheduler does', () => {
    expect(() => splitLevel(level({}), 2)).toThrow(/needs a duration or a request count/);
    expect(() => splitLevel(level({ requests: 1 }), 0)).toThrow(/workers must be at least 1/);
  });
});
