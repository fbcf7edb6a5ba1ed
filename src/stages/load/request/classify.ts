/**
 * Turns whatever a request threw into an ErrorClass. The load engine counts errors by class, so the
 * classes must not blur: a connection cut mid-stream is a truncated answer, not the server's error event.
 */
import {
  TargetHttpError,
  TargetMalformedError,
  TargetStreamError,
  TargetTimeoutError,
  TargetUnreachableError,
} from '../../../target/index.js';
import type { ErrorClass, RequestOutcome } from '../types.js';

export type OutcomeError = NonNullable<RequestOutcome['error']>;

/** The class, message and status of an error thrown while sending one request. */
export function classifyError(err: unknown, signal: AbortSignal): OutcomeError {
  // The caller's cancellation surfaces as whatever reason it aborted with; check the signal, not the error.
  if (signal.aborted && !(err instanceof TargetTimeoutError)) return make('aborted', err);
  if (err instanceof TargetHttpError) return { ...make('http', err), status: err.status };
  if (err instanceof TargetTimeoutError) return make('timeout', err);
  if (err instanceof TargetStreamError) {
    // An error event or `{"error": ...}` data carries what the server said; a dropped connection does not.
    const said = err.errorData !== undefined || err.apiError !== undefined;
    return make(said ? 'stream_error' : 'truncated', err);
  }
  if (err instanceof TargetUnreachableError) return make('connect', err);
  if (err instanceof TargetMalformedError) return make('malformed', err);
  if (isAbortError(err)) return make('aborted', err);
  // Anything else is a bug on our side; keep it visible as a failure rather than crash the run.
  const failure = make('malformed', err);
  return { ...failure, message: `internal error while sending: ${failure.message}` };
}

/** An outcome error built from parts. */
export function make(cls: ErrorClass, err: unknown): OutcomeError {
  return { class: cls, message: err instanceof Error ? err.message : String(err) };
}

function isAbortError(err: unknown): boolean {
  return (
    err instanceof Error && (err.name === 'AbortError' || (err as { code?: unknown }).code === 'ABORT_ERR')
  );
}
