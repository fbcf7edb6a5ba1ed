/**
 * The worker count of a ramping-concurrency profile over time, like k6's ramping-vus: the count follows
 * the line from `start` through each stage's target, as the nearest integer to it. Computed up front as
 * steps (when the count changes), so the controller sleeps until the next change instead of polling.
 */
import type { RampStage } from './arrivals.js';

/** From `atMs` (after the start) on, `count` workers should be active. */
export interface ConcurrencyStep {
  atMs: number;
  count: number;
}

/** The steps of a ramping-concurrency profile, in time order; the first is at 0. */
export function concurrencySteps(start: number, stages: readonly RampStage[]): ConcurrencyStep[] {
  const steps: ConcurrencyStep[] = [{ atMs: 0, count: Math.round(start) }];
  let t0 = 0;
  let from = start;
  for (const { duration, target } of stages) {
    const a = Math.round(from);
    const b = Math.round(target);
    if (duration === 0) {
      if (b !== a) steps.push({ atMs: t0, count: b });
    } else if (b > a) {
      // Rising: the count becomes m when the line crosses m - 0.5.
      for (let m = a + 1; m <= b; m++)
        steps.push({ atMs: t0 + ((m - 0.5 - from) / (target - from)) * duration, count: m });
    } else if (b < a) {
      // Falling: the count becomes m when the line drops below m + 0.5.
      for (let m = a - 1; m >= b; m--)
        steps.push({ atMs: t0 + ((from - m - 0.5) / (from - target)) * duration, count: m });
    }
    t0 += duration;
    from = target;
  }
  return steps;
}
