/**
 * A load stage runs one or more levels: a list of concurrencies or rates is one level each, and a sweep is
 * synchronous, then throughput, then rates spaced between the two rates it measured.
 */
import type { LoadProfile } from '../../config/stages/load.js';

/** A profile with one value per knob: what the scheduler runs. */
export type LevelProfile =
  | { type: 'synchronous' }
  | { type: 'concurrency'; concurrency: number }
  | { type: 'ramping-concurrency'; start: number; stages: { duration: number; target: number }[] }
  | { type: 'rate'; rate: number }
  | { type: 'poisson'; rate: number; seed: number }
  | { type: 'ramping-rate'; start: number; stages: { duration: number; target: number }[] }
  | { type: 'throughput'; concurrency: number };

export interface Level {
  /** Short, stable label used in tags, check ids and table rows: `c10`, `r5.5`, `sync`, `max`. */
  label: string;
  profile: LevelProfile;
}

/** The levels known before the run; a sweep's rate levels come later from `sweepLevels`. */
export function staticLevels(profile: LoadProfile): Level[] {
  switch (profile.type) {
    case 'concurrency': {
      const values = Array.isArray(profile.concurrency) ? profile.concurrency : [profile.concurrency];
      return values.map((c) => ({ label: `c${c}`, profile: { type: 'concurrency', concurrency: c } }));
    }
    case 'rate': {
      const values = Array.isArray(profile.rate) ? profile.rate : [profile.rate];
      return values.map((r) => ({ label: `r${fmt(r)}`, profile: { type: 'rate', rate: r } }));
    }
    case 'sweep':
      return [
        { label: 'sync', profile: { type: 'synchronous' } },
        { label: 'max', profile: { type: 'throughput', concurrency: profile.concurrency } },
      ];
    case 'synchronous':
      return [{ label: 'sync', profile }];
    case 'throughput':
      return [{ label: 'max', profile }];
    case 'poisson':
      return [{ label: `p${fmt(profile.rate)}`, profile }];
    case 'ramping-concurrency':
      return [{ label: 'ramp-c', profile }];
    case 'ramping-rate':
      return [{ label: 'ramp-r', profile }];
  }
}

/** Rate levels of a sweep, once the synchronous and throughput request rates are known. */
export function sweepLevels(rates: number[]): Level[] {
  return rates.map((r) => ({ label: `r${fmt(r)}`, profile: { type: 'rate', rate: r } }));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
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
