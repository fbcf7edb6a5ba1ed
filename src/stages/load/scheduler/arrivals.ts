/**
 * Arrival clocks of the open models: each yields the intended send offsets (ms from the start of the run)
 * in order. Offsets are absolute, computed from the profile alone, so timer jitter never accumulates and
 * the same profile (and seed) always gives the same times.
 */
import { exponential, mulberry32 } from './prng.js';

/** The next arrival's offset in ms from the start, ascending; undefined when the profile has no more. */
export type ArrivalClock = () => number | undefined;

/** One stage of a ramping profile: reach `target` (per second, or workers) linearly over `duration` ms. */
export interface RampStage {
  duration: number;
  target: number;
}

/** Constant arrivals: t_i = i / rate. */
export function constantArrivals(ratePerS: number): ArrivalClock {
  let i = 0;
  return () => (i++ * 1000) / ratePerS;
}

/** A Poisson process: exponential gaps with mean 1 / rate, from a seeded PRNG (same seed, same times). */
export function poissonArrivals(ratePerS: number, seed: number): ArrivalClock {
  const rand = mulberry32(seed);
  const meanGapMs = 1000 / ratePerS;
  let t = 0;
  return () => {
    t += exponential(rand) * meanGapMs;
    return t;
  };
}

/** Total length of a ramping profile's stages, in ms. */
export function stagesTotalMs(stages: readonly RampStage[]): number {
  return stages.reduce((sum, s) => sum + s.duration, 0);
}

/**
 * A rate that changes linearly from `startRate` through each stage's target (per second), like k6's
 * ramping-arrival-rate. Arrival i is at the last moment the cumulative count N(t) (the integral of the
 * rate) is still <= i: where N is flat (a rate of 0) the arrival waits for the rate to rise again, and
 * when the stages end there are no more arrivals. A constant rate gives exactly `constantArrivals`.
 */
export function rampingArrivals(startRate: number, stages: readonly RampStage[]): ArrivalClock {
  let seg = 0;
  let segStartMs = 0;
  let segStartCount = 0;
  let from = startRate;
  let i = 0;
  return () => {
    while (seg < stages.length) {
      const { duration, target } = stages[seg]!;
      const seconds = duration / 1000;
      const area = ((from + target) / 2) * seconds;
      const need = i - segStartCount;
      if (need < area) {
        i++;
        return segStartMs + Math.min(solveRamp(from, target, seconds, need), seconds) * 1000;
      }
      segStartCount += area;
      segStartMs += duration;
      from = target;
      seg++;
    }
    return undefined;
  };
}

/** The time s (seconds into a segment) where a*s + (b-a)*s^2/(2d) = need, for 0 <= need < the segment's area. */
function solveRamp(a: number, b: number, d: number, need: number): number {
  if (need <= 0) return 0;
  const k = (b - a) / d;
  // The rationalised root of k*s^2/2 + a*s - need = 0: no cancellation when k or a is near 0. The
  // discriminant is >= b^2 >= 0 inside the segment; the max() only absorbs rounding.
  return (2 * need) / (a + Math.sqrt(Math.max(0, a * a + 2 * k * need)));
}
