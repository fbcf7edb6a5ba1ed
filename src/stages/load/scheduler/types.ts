/** The scheduler's contract: what a run needs (profile, limits, callbacks) and what it reports back. */
import type { LoadProfile } from '../../../config/stages/load.js';
import type { LoadRequest, ScheduledOutcome, Sender } from '../types.js';

/** Narrows every list-of-levels field (`concurrency: [1, 5, 10]`, `rate: [...]`) to a single level. */
type OneLevel<P> = { [K in keyof P]: Exclude<P[K], readonly number[]> };

/**
 * Every profile the scheduler runs itself, at one level: the stage runs a `sweep`, or a list of
 * concurrencies or rates, as a sequence of these (see `../levels.ts`).
 */
export type RunnableProfile = OneLevel<Exclude<LoadProfile, { type: 'sweep' }>>;

/** One change the scheduler reports: a request sent or done, an arrival queued or dropped. */
export interface ScheduleEvent {
  type: 'sent' | 'queued' | 'dropped' | 'done';
  at: number;
  inFlight: number;
  backlog: number;
}

export interface ScheduleOptions {
  profile: RunnableProfile;
  /** Stop sending after this long (ms) and/or this many requests; at least one is set. */
  durationMs?: number;
  requests?: number;
  /** Outcomes of requests sent (intended, for open models) in [0, warmupMs) are phase 'warmup'. */
  warmupMs: number;
  /** ... in the last cooldownMs of the duration are 'cooldown' (only meaningful with a duration). */
  cooldownMs: number;
  /** Open models: cap on requests in flight. */
  maxInFlight: number;
  /** Open models: arrivals waiting for a free slot beyond this are dropped (counted). */
  maxBacklog: number;
  /** Sent later than intended by more than this many ms = late. Default 10. */
  lateToleranceMs?: number;
  /** The workload iterator (never ends; it cycles). */
  next: () => LoadRequest;
  /** Never throws. */
  send: Sender;
  onOutcome: (o: ScheduledOutcome) => void;
  /** Called every time the in-flight count changes, and for every arrival (sent, queued or dropped). */
  onEvent?: (e: ScheduleEvent) => void;
  /** Abort = stop sending new requests and abort in-flight ones (their sender sees the signal). */
  signal: AbortSignal;
  /** Default performance.now; injectable for tests. */
  now?: () => number;
}

export interface ScheduleResult {
  startedAt: number;
  endedAt: number;
  sent: number;
  completed: number;
  dropped: number;
  late: number;
  /** The window whose outcomes count: [start, end) in performance.now() ms. */
  measureWindow: { start: number; end: number };
  maxInFlightSeen: number;
  /** Why it stopped. */
  stoppedBy: 'duration' | 'requests' | 'aborted';
}

export type StopReason = ScheduleResult['stoppedBy'];
