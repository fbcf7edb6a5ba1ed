/**
 * Splits one level across worker threads so that, merged, the workers offer the load one thread would:
 * closed models share the concurrency (the counts add up at every moment, ramps included), open models
 * share the rate with start offsets that keep the merged arrivals evenly spaced, and request limits,
 * in-flight caps and backlogs are shared out with exact sums. Pure: no threads, no clocks.
 */
import { stagesTotalMs } from '../scheduler/arrivals.js';
import type { ScheduleOptions } from '../scheduler/index.js';
import { concurrencySteps } from '../scheduler/ramp.js';

type Profile = ScheduleOptions['profile'];
type Ramp = Extract<Profile, { type: 'ramping-concurrency' }>;

/** A level's profile and limits, as the scheduler takes them. */
export type LevelLimits = Pick<
  ScheduleOptions,
  'profile' | 'durationMs' | 'requests' | 'warmupMs' | 'cooldownMs' | 'maxInFlight' | 'maxBacklog'
>;

/** What one worker runs: its part of the level, as options for its own `runSchedule`. */
export interface WorkerShare extends LevelLimits {
  /** Position among the workers that have something to do (0-based): its seed and workload offset. */
  slot: number;
  /** How many workers have something to do: the stride through the workload. */
  slots: number;
  /** Wait this long after the common start before starting (open models interleave their arrivals). */
  startOffsetMs: number;
}

/** Splits `total` into `n` whole parts differing by at most 1, the larger ones first. */
export function splitEvenly(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, k) => base + (k < extra ? 1 : 0));
}

/** Splits `total` into whole parts proportional to `weights` (largest remainder; ties to the first). */
export function splitByWeight(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return splitEvenly(total, weights.length);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, k) => ({ k, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.k - b.k);
  for (const { k } of order) {
    if (left-- <= 0) break;
    parts[k] = (parts[k] as number) + 1;
  }
  return parts;
}

/**
 * Worker k's share of a concurrency line x(t): (x + (n - 1) / 2 - k) / n. Rounded the way the scheduler
 * rounds (Math.round), the n shares add up to round(x) at every x, and change at the same instants.
 */
export function concurrencyShare(x: number, k: number, n: number): number {
  return (x + (n - 1) / 2 - k) / n;
}

/** Splits a level across `workers` threads; workers that would have nothing to do are left out. */
export function splitLevel(level: LevelLimits, workers: number): WorkerShare[] {
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new RangeError(`workers must be at least 1, got ${workers}`);
  const isRamp = level.profile.type === 'ramping-concurrency' || level.profile.type === 'ramping-rate';
  if (level.durationMs === undefined && level.requests === undefined && !isRamp) {
    throw new RangeError('a load schedule needs a duration or a request count (or a ramping profile)');
  }
  // Only the limits cross into a worker: callers may pass a whole ScheduleOptions, callbacks included.
  const { profile, durationMs, requests, warmupMs, cooldownMs, maxInFlight, maxBacklog } = level;
  const limits: LevelLimits = {
    profile,
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(requests === undefined ? {} : { requests }),
    warmupMs,
    cooldownMs,
    maxInFlight,
    maxBacklog,
  };
  const parts =
    profile.type === 'rate' || profile.type === 'poisson' || profile.type === 'ramping-rate'
      ? splitOpen(limits, workers)
      : splitClosed(limits, workers);
  const active = parts.filter(
    (p) => p.requests !== 0 && (p.durationMs === undefined || p.durationMs > 0) && hasWork(p.profile),
  );
  return active.map((p, slot) => ({ ...p, slot, slots: active.length }));
}

type Part = Omit<WorkerShare, 'slot' | 'slots'>;

function splitClosed(level: LevelLimits, workers: number): Part[] {
  const p = level.profile;
  if (p.type === 'synchronous') return [{ ...level, startOffsetMs: 0 }];
  if (p.type === 'ramping-concurrency') {
    const profiles = Array.from(
      { length: workers },
      (_, k): Ramp => ({
        type: 'ramping-concurrency',
        start: concurrencyShare(p.start, k, workers),
        stages: p.stages.map((s) => ({
          duration: s.duration,
          target: concurrencyShare(s.target, k, workers),
        })),
      }),
    );
    // A request limit follows each worker's peak, so they all run out at about the same time.
    return closedParts(level, profiles, profiles.map(peakCount));
  }
  if (p.type === 'concurrency' || p.type === 'throughput') {
    const counts = splitEvenly(p.concurrency, Math.min(workers, p.concurrency));
    const profiles = counts.map((c): Profile => ({ ...p, concurrency: c }));
    return closedParts(level, profiles, counts);
  }
  throw new RangeError(`not a closed profile: ${p.type}`);
}

function closedParts(level: LevelLimits, profiles: Profile[], weights: number[]): Part[] {
  const requests = level.requests === undefined ? undefined : splitByWeight(level.requests, weights);
  const inFlight = splitEvenly(level.maxInFlight, profiles.length);
  const backlog = splitEvenly(level.maxBacklog, profiles.length);
  return profiles.map((profile, k) => ({
    ...level,
    profile,
    ...(requests ? { requests: requests[k] as number } : {}),
    maxInFlight: Math.max(1, inFlight[k] as number),
    maxBacklog: backlog[k] as number,
    startOffsetMs: 0,
  }));
}

function splitOpen(level: LevelLimits, workers: number): Part[] {
  const p = level.profile;
  const requests = level.requests === undefined ? undefined : splitEvenly(level.requests, workers);
  const inFlight = splitEvenly(level.maxInFlight, workers);
  const backlog = splitEvenly(level.maxBacklog, workers);
  // A ramp's stages end its run even without a duration: the offset is cut from that end too.
  const horizon =
    p.type === 'ramping-rate'
      ? Math.min(level.durationMs ?? Infinity, stagesTotalMs(p.stages))
      : level.durationMs;
  return Array.from({ length: workers }, (_, k): Part => {
    const offset = openOffsetMs(p, k);
    // Shifting a worker's start by `offset` and cutting the same from its warm-up and horizon keeps every
    // phase boundary and the end at the same instant for all workers, as for one thread.
    return {
      profile: openProfile(p, k, workers),
      ...(horizon === undefined ? {} : { durationMs: horizon - offset }),
      ...(requests ? { requests: requests[k] as number } : {}),
      warmupMs: Math.max(0, level.warmupMs - offset),
      cooldownMs: level.cooldownMs,
      maxInFlight: Math.max(1, inFlight[k] as number),
      maxBacklog: backlog[k] as number,
      startOffsetMs: offset,
    };
  });
}

function openProfile(p: Profile, k: number, n: number): Profile {
  switch (p.type) {
    case 'rate':
      return { ...p, rate: p.rate / n };
    // A superposition of independent Poisson processes is a Poisson process at the summed rate.
    case 'poisson':
      return { ...p, rate: p.rate / n, seed: p.seed + k };
    case 'ramping-rate':
      return { ...p, start: p.start / n, stages: p.stages.map((s) => ({ ...s, target: s.target / n })) };
    default:
      throw new RangeError(`not an open profile: ${p.type}`);
  }
}

/**
 * Worker k starts k arrival gaps of the whole level after worker 0: at a constant rate R, worker k then
 * sends the level's arrivals k, k + n, k + 2n, ... at exactly k/R + i·n/R. A ramp uses its peak rate, so
 * arrivals are evenly spaced where the generator is busiest; each worker's ramp then lags by under n
 * gaps at the peak rate. Poisson arrivals need no offset.
 */
function openOffsetMs(p: Profile, k: number): number {
  const rate =
    p.type === 'rate'
      ? p.rate
      : p.type === 'ramping-rate'
        ? Math.max(p.start, ...p.stages.map((s) => s.target))
        : 0;
  return rate > 0 ? (k * 1000) / rate : 0;
}

/** The most requests a ramping-concurrency share ever keeps in flight. */
function peakCount(p: Ramp): number {
  return Math.max(0, ...concurrencySteps(p.start, p.stages).map((s) => s.count));
}

function hasWork(p: Profile): boolean {
  if (p.type === 'ramping-concurrency') return peakCount(p) > 0;
  if (p.type === 'concurrency' || p.type === 'throughput') return p.concurrency > 0;
  return true;
}
