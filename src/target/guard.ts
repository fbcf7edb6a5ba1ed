/**
 * The timers of one attempt. undici's own headers/body timeouts cannot say which of our limits ran out
 * nor span retries, so each attempt gets an AbortController that fires on the caller's signal, on the
 * call's total deadline, or on the current phase timer (first byte, idle between chunks, drain).
 */
import { performance } from 'node:perf_hooks';
import type { HttpEvidence } from '../run/events.js';
import { TargetTimeoutError, type TimeoutPhase } from './errors.js';

/** `drain` is the short grace after a stream's terminal event: running out of it is not an error. */
export type GuardPhase = Exclude<TimeoutPhase, 'connect' | 'total'> | 'drain';

export interface Fired {
  phase: TimeoutPhase | 'drain';
  limitMs: number;
}

/** Abort controller plus timers for one attempt; always `dispose` it. */
export class Guard {
  private readonly controller = new AbortController();
  private phaseTimer: NodeJS.Timeout | undefined;
  private readonly totalTimer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = () => this.controller.abort(this.caller?.reason);
  /** Which limit ran out, if one did. */
  fired: Fired | undefined;

  /** `deadlineAt` is a performance.now() instant (Infinity for none); `totalMs` is only reported. */
  constructor(
    private readonly caller: AbortSignal | undefined,
    deadlineAt: number,
    totalMs: number,
  ) {
    if (Number.isFinite(deadlineAt)) {
      const remaining = Math.max(0, deadlineAt - performance.now());
      this.totalTimer = setTimeout(() => this.fire('total', totalMs), remaining);
    }
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** The signal to hand to undici. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the caller (not a timer) cancelled the call. */
  get callerAborted(): boolean {
    return this.fired === undefined && this.caller?.aborted === true;
  }

  /** Starts (or restarts) the phase timer; 0 or Infinity means no limit. */
  arm(phase: GuardPhase, ms: number): void {
    this.clearPhase();
    if (ms > 0 && Number.isFinite(ms)) this.phaseTimer = setTimeout(() => this.fire(phase, ms), ms);
  }

  /** Stops the phase timer (the total deadline keeps running). */
  clearPhase(): void {
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    this.phaseTimer = undefined;
  }

  /** Stops every timer and forgets the caller's signal. */
  dispose(): void {
    this.clearPhase();
    if (this.totalTimer !== undefined) clearTimeout(this.totalTimer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  private fire(phase: Fired['phase'], limitMs: number): void {
    if (this.controller.signal.aborted) return;
    this.fired = { phase, limitMs };
    this.controller.abort(new Error(`gauntlet ${phase} limit of ${limitMs}ms reached`));
  }
}

/** The TargetTimeoutError for a fired limit; `total` counts from the call's start, the others from the attempt's. */
export function timeoutError(
  base: { method: string; url: string; attempts: number; evidence: HttpEvidence; cause?: unknown },
  fired: Fired,
  since: { callStart: number; attemptStart: number },
): TargetTimeoutError {
  const phase: TimeoutPhase = fired.phase === 'drain' ? 'idle' : fired.phase;
  const from = phase === 'total' ? since.callStart : since.attemptStart;
  return new TargetTimeoutError({
    ...base,
    phase,
    limitMs: fired.limitMs,
    elapsedMs: performance.now() - from,
  });
}
