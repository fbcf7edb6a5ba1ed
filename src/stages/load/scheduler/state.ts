/**
 * The bookkeeping both load models share: counters, the in-flight count, phase and lateness labels on
 * each outcome, the stop reason, and the final result. Callbacks are guarded: a throwing callback (or a
 * sender that breaks its never-throws contract) stops the run and is rethrown once in-flight work ends,
 * instead of becoming an unhandled rejection in a detached promise.
 */
import { setMaxListeners } from 'node:events';
import type { RequestOutcome, ScheduledOutcome } from '../types.js';
import type { ScheduleEvent, ScheduleOptions, ScheduleResult, StopReason } from './types.js';

const DEFAULT_LATE_TOLERANCE_MS = 10;

/** One run's shared state; the open and closed runners drive it. */
export class RunState {
  readonly opts: ScheduleOptions;
  readonly now: () => number;
  readonly start: number;
  /** How long requests may start, in ms after `start`; Infinity when only a request count limits the run. */
  readonly horizonMs: number;
  /** Aborted by the caller's signal or a failure: passed to the sender, so in-flight requests abort too. */
  readonly signal: AbortSignal;
  /** Aborted once sending has stopped for any reason: wakes the runners' sleeps. */
  readonly stopSignal: AbortSignal;
  sent = 0;
  completed = 0;
  dropped = 0;
  late = 0;
  inFlight = 0;
  backlog = 0;
  maxInFlightSeen = 0;
  stoppedBy: StopReason | undefined;
  private readonly halt = new AbortController();
  private readonly stopped = new AbortController();
  private readonly lateToleranceMs: number;
  private failure: { error: unknown } | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: ScheduleOptions, horizonMs: number) {
    this.opts = opts;
    this.now = opts.now ?? (() => performance.now());
    this.horizonMs = horizonMs;
    this.lateToleranceMs = opts.lateToleranceMs ?? DEFAULT_LATE_TOLERANCE_MS;
    this.signal = AbortSignal.any([opts.signal, this.halt.signal]);
    this.stopSignal = AbortSignal.any([this.signal, this.stopped.signal]);
    // Every in-flight request and sleep listens on these; thousands in flight is normal, not a leak.
    setMaxListeners(0, this.signal, this.stopSignal);
    this.start = this.now();
  }

  /** Records why sending stopped (the first reason wins) and wakes every sleeping runner. */
  stop(reason: StopReason): void {
    this.stoppedBy ??= reason;
    this.stopped.abort();
  }

  /** Closed models: whether a new request may start now; records the reason when not. */
  mayStart(): boolean {
    const { requests } = this.opts;
    if (this.signal.aborted) this.stop('aborted');
    else if (requests !== undefined && this.sent >= requests) this.stop('requests');
    else if (this.now() - this.start >= this.horizonMs) this.stop('duration');
    return !this.stopSignal.aborted;
  }

  /** The phase of a request intended (open) or sent (closed) `offsetMs` after the start. */
  phaseAt(offsetMs: number): ScheduledOutcome['phase'] {
    if (offsetMs < this.opts.warmupMs) return 'warmup';
    if (offsetMs >= this.horizonMs - this.opts.cooldownMs) return 'cooldown';
    return 'measure';
  }

  /** Reports a change to `onEvent`. */
  emit(type: ScheduleEvent['type']): void {
    const { onEvent } = this.opts;
    if (!onEvent) return;
    try {
      onEvent({ type, at: this.now(), inFlight: this.inFlight, backlog: this.backlog });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Sends the workload's next request and reports its labelled outcome; never rejects. Open models pass
   * the intended offset from the start (exact: phases are decided on it, not on start + offset - start).
   */
  async send(intendedOffsetMs?: number): Promise<void> {
    let req: ReturnType<ScheduleOptions['next']>;
    try {
      req = this.opts.next();
    } catch (error) {
      this.fail(error);
      return;
    }
    const sentAt = this.now();
    this.sent++;
    this.inFlight++;
    if (this.inFlight > this.maxInFlightSeen) this.maxInFlightSeen = this.inFlight;
    let pending: Promise<RequestOutcome>;
    try {
      pending = this.opts.send(req, this.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    // Reported after the send has started, so a slow listener never delays a request.
    this.emit('sent');
    let outcome: RequestOutcome | undefined;
    try {
      outcome = await pending;
    } catch (error) {
      this.fail(error);
    }
    this.inFlight--;
    if (outcome) this.report(outcome, sentAt, intendedOffsetMs);
    this.emit('done');
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** Resolves when no request is in flight. */
  async whenIdle(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** The run's figures; rethrows a callback's failure. */
  result(): ScheduleResult {
    if (this.failure) throw this.failure.error;
    const endedAt = this.now();
    // A count-limited run measures until its last request is done; a timed one until its cool-down begins
    // (or until it ended, when it ended early). start + offset, like intendedAt, so the edges agree exactly
    // with the phases: an outcome is 'measure' exactly when its time lies in [start, end).
    const end = Math.min(this.start + (this.horizonMs - this.opts.cooldownMs), endedAt);
    const start = Math.min(this.start + this.opts.warmupMs, end);
    return {
      startedAt: this.start,
      endedAt,
      sent: this.sent,
      completed: this.completed,
      dropped: this.dropped,
      late: this.late,
      measureWindow: { start, end },
      maxInFlightSeen: this.maxInFlightSeen,
      stoppedBy: this.stoppedBy ?? 'duration',
    };
  }

  private report(outcome: RequestOutcome, sentAt: number, intendedOffsetMs: number | undefined): void {
    this.completed++;
    // Labelled in place: the outcome is the sender's fresh object, and copying its ~20 fields for every
    // request showed up in profiles. The keys end up in the same order a spread would give.
    const labelled = outcome as ScheduledOutcome;
    if (intendedOffsetMs === undefined) {
      labelled.phase = this.phaseAt(sentAt - this.start);
      labelled.late = false;
      this.deliver(labelled);
      return;
    }
    const intendedAt = this.start + intendedOffsetMs;
    const late = outcome.sentAt - intendedAt > this.lateToleranceMs;
    if (late) this.late++;
    // Open models are phased by when a request was meant to go, so a stall cannot move it out of the window.
    labelled.intendedAt = intendedAt;
    labelled.phase = this.phaseAt(intendedOffsetMs);
    labelled.late = late;
    this.deliver(labelled);
  }

  private deliver(outcome: ScheduledOutcome): void {
    try {
      this.opts.onOutcome(outcome);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.halt.abort();
    this.stop('aborted');
  }
}
