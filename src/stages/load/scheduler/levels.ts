/**
 * Profiles that run as several levels, one report row each: a `sweep` (synchronous, throughput, then
 * rates between them) and a `concurrency` or `rate` given as a list. The scheduler runs one level at a
 * time; these helpers say which.
 */
import type { LoadProfile } from '../../../config/stages/load.js';
import type { RunnableProfile } from './types.js';

/** Every profile but `sweep`, where a field may still list several levels. */
export type LeveledProfile = Exclude<LoadProfile, { type: 'sweep' }>;

/** One runnable profile per level, in order: a list-valued `concurrency` or `rate` is split, others pass through. */
export function profileLevels(profile: LeveledProfile): RunnableProfile[] {
  switch (profile.type) {
    case 'concurrency':
      return [profile.concurrency].flat().map((concurrency) => ({ ...profile, concurrency }));
    case 'rate':
      return [profile.rate].flat().map((rate) => ({ ...profile, rate }));
    default:
      return [profile];
  }
}

/** `k` rates (per second) evenly spaced strictly between the synchronous and the throughput rate, ascending. */
export function sweepRates(syncRps: number, throughputRps: number, k: number): number[] {
  if (![syncRps, throughputRps].every((r) => Number.isFinite(r) && r >= 0)) {
    throw new RangeError(`sweep rates need finite, non-negative ends, got ${syncRps} and ${throughputRps}`);
  }
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`sweep needs a whole number of rates, got ${k}`);
  const lo = Math.min(syncRps, throughputRps);
  const hi = Math.max(syncRps, throughputRps);
  return Array.from({ length: k }, (_, i) => lo + ((hi - lo) * (i + 1)) / (k + 1));
}
