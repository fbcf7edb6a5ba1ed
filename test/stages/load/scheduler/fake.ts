/** A fake sender and workload for scheduler tests: configurable delays, honours abort, records concurrency. */

import {
  runSchedule,
  type ScheduleEvent,
  type ScheduleOptions,
  type ScheduleResult,
} from '../../../../src/stages/load/scheduler/index.js';
import type { RequestOutcome, ScheduledOutcome, Sender } from '../../../../src/stages/load/types.js';

export interface FakeSender {
  send: Sender;
  /** Requests in flight right now, as the sender sees them. */
  inFlight: number;
  maxInFlight: number;
  /** performance.now() of every send, in order. */
  sentAt: number[];
}

/** A sender that answers after `delayMs(sentAt)` ms (or at once with an 'aborted' outcome when aborted). */
export function fakeSender(delayMs: number | ((sentAt: number) => number)): FakeSender {
  const fake: FakeSender = {
    inFlight: 0,
    maxInFlight: 0,
    sentAt: [],
    send: (req, signal) => {
      const sentAt = performance.now();
      fake.sentAt.push(sentAt);
      fake.inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
      const delay = typeof delayMs === 'number' ? delayMs : delayMs(sentAt);
      return new Promise<RequestOutcome>((resolve) => {
        const finish = (aborted: boolean): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          fake.inFlight--;
          const e2eMs = performance.now() - sentAt;
          resolve({
            index: req.index,
            sentAt,
            sentAtEpochMs: performance.timeOrigin + sentAt,
            ok: !aborted,
            ...(aborted ? { error: { class: 'aborted' as const, message: 'aborted' } } : { e2eMs }),
            itlMs: [],
            contentChunks: 0,
            outputTokensSource: 'none',
          });
        };
        const onAbort = (): void => finish(true);
        const timer = setTimeout(() => finish(false), delay);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
  return fake;
}

export interface Recorded {
  result: ScheduleResult;
  outcomes: ScheduledOutcome[];
  events: ScheduleEvent[];
}

/** Runs a schedule with a counting workload, collecting outcomes and events. */
export async function record(
  opts: Partial<ScheduleOptions> & Pick<ScheduleOptions, 'profile' | 'send'>,
): Promise<Recorded> {
  const outcomes: ScheduledOutcome[] = [];
  const events: ScheduleEvent[] = [];
  let i = 0;
  const result = await runSchedule({
    warmupMs: 0,
    cooldownMs: 0,
    maxInFlight: 1000,
    maxBacklog: 1000,
    next: () => ({ index: i++, body: {} }),
    onOutcome: (o) => outcomes.push(o),
    onEvent: (e) => events.push(e),
    signal: new AbortController().signal,
    ...opts,
  });
  return { result, outcomes, events };
}

/** Observed rate (per second) over a list of timestamps in ms: (n - 1) / (last - first). */
export function observedRate(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return ((sorted.length - 1) * 1000) / (sorted.at(-1)! - sorted[0]!);
}

/** An intended time as an offset from the start, rounded to the nanosecond: (start + x) - start is not always x. */
export function offsetOf(intendedAt: number | undefined, startedAt: number): number {
  return Math.round((intendedAt! - startedAt) * 1e6) / 1e6;
}
