/**
 * The load scheduler: decides when each request is sent, for one level of any profile but `sweep` (the
 * stage runs a sweep, or a list of concurrencies or rates, as a sequence of levels: `sweepRates`,
 * `src/stages/load/levels.ts`). Closed models keep N requests in flight; open models send on a clock and measure from
 * the intended send time.
 */
import { constantArrivals, poissonArrivals, rampingArrivals, stagesTotalMs } from './arrivals.js';
import { runPool, runRamp } from './closed.js';
import { runOpen } from './open.js';
import { concurrencySteps } from './ramp.js';
import { RunState } from './state.js';
import type { RunnableProfile, ScheduleOptions, ScheduleResult } from './types.js';

export type { RunnableProfile, ScheduleEvent, ScheduleOptions, ScheduleResult } from './types.js';

type ProfileType = RunnableProfile['type'];
type Runner<K extends ProfileType> = (
  state: RunState,
  profile: Extract<RunnableProfile, { type: K }>,
) => Promise<void>;

/** One runner per profile type: a profile without one fails to compile. */
const runners: { [K in ProfileType]: Runner<K> } = {
  synchronous: (state) => runPool(state, 1),
  concurrency: (state, p) => runPool(state, p.concurrency),
  throughput: (state, p) => runPool(state, p.concurrency),
  'ramping-concurrency': (state, p) => runRamp(state, concurrencySteps(p.start, p.stages)),
  rate: (state, p) => runOpen(state, constantArrivals(p.rate)),
  poisson: (state, p) => runOpen(state, poissonArrivals(p.rate, p.seed)),
  'ramping-rate': (state, p) => runOpen(state, rampingArrivals(p.start, p.stages)),
};

/** How long requests may start: the duration, cut to the stages of a ramping profile. */
function horizonMs(opts: ScheduleOptions): number {
  const { profile, durationMs } = opts;
  const stages =
    profile.type === 'ramping-concurrency' || profile.type === 'ramping-rate'
      ? stagesTotalMs(profile.stages)
      : Infinity;
  return Math.min(durationMs ?? Infinity, stages);
}

function validate(opts: ScheduleOptions, horizon: number): void {
  if (horizon === Infinity && opts.requests === undefined) {
    throw new RangeError('a load schedule needs a duration or a request count (or a ramping profile)');
  }
  if (opts.requests !== undefined && !(Number.isInteger(opts.requests) && opts.requests >= 0)) {
    throw new RangeError(`requests must be a whole number, got ${opts.requests}`);
  }
  if (!(opts.maxInFlight >= 1))
    throw new RangeError(`maxInFlight must be at least 1, got ${opts.maxInFlight}`);
  if (!(opts.maxBacklog >= 0)) throw new RangeError(`maxBacklog must be at least 0, got ${opts.maxBacklog}`);
}

/** Runs one profile until its duration or request count is reached (or the signal aborts), then drains. */
export async function runSchedule(opts: ScheduleOptions): Promise<ScheduleResult> {
  const horizon = horizonMs(opts);
  validate(opts, horizon);
  const state = new RunState(opts, horizon);
  // The map's type guarantees the runner matches the profile; TypeScript cannot correlate the two here.
  const run = runners[opts.profile.type] as (state: RunState, profile: RunnableProfile) => Promise<void>;
  await run(state, opts.profile);
  return state.result();
}
