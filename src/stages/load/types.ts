/**
 * The contracts inside the load engine: a workload yields requests, a scheduler decides when each is sent,
 * a sender sends one and measures it where its bytes arrive, and an aggregator folds the outcomes.
 * All times are `performance.now()` milliseconds of this process unless a name says epoch.
 */

/** One request to send: an OpenAI body (chat or completions), or the JSON body of a generic HTTP request. */
export interface LoadRequest {
  /** Position in the workload (cycles when the workload is shorter than the run). */
  index: number;
  body: Record<string, unknown>;
  /** Variables of the workload row, for `{{var}}` in an http request template. */
  vars?: Record<string, unknown>;
  /** Prompt size the workload aimed for (synthetic workloads), to compare with usage. */
  promptTokensHint?: number;
}

export type ErrorClass =
  | 'connect'
  | 'timeout'
  | 'http'
  | 'stream_error'
  | 'truncated'
  | 'malformed'
  | 'aborted';

/** What happened to one request. Durations are milliseconds after `sentAt`. */
export interface RequestOutcome {
  index: number;
  /** When the scheduler meant to send it (open models); absent for closed models. */
  intendedAt?: number;
  /** When it was handed to the socket layer. */
  sentAt: number;
  /** Wall-clock twin of `sentAt` (performance.timeOrigin + sentAt), to compare with a server's own timestamps. */
  sentAtEpochMs: number;
  ok: boolean;
  status?: number;
  error?: { class: ErrorClass; message: string; status?: number };
  /** First byte of the response body. */
  ttfbMs?: number;
  /** First chunk carrying non-empty content. */
  ttftMs?: number;
  /** Last content chunk (streaming), or the whole response (non-streaming). */
  e2eMs?: number;
  /** End of the stream / body. */
  e2eCloseMs?: number;
  /** Gaps between consecutive content chunks. */
  itlMs: number[];
  /** Content chunks received (streaming). */
  contentChunks: number;
  /** Output tokens: usage.completion_tokens when the server sent it, else the content-chunk count. */
  outputTokens?: number;
  outputTokensSource: 'usage' | 'chunks' | 'none';
  /** usage.completion_tokens minus content chunks, when both are known (servers may pack tokens per chunk). */
  tokenCountMismatch?: number;
  promptTokens?: number;
  /** The server's request id (x-request-id or the body id), to join with server-side records. */
  requestId?: string;
}

/** Sends one request and measures it; never throws (failures are outcomes). */
export type Sender = (req: LoadRequest, signal: AbortSignal) => Promise<RequestOutcome>;

/** An outcome labelled with the window it fell in; warm-up and cool-down ones are excluded from figures. */
export interface ScheduledOutcome extends RequestOutcome {
  phase: 'warmup' | 'measure' | 'cooldown';
  /** Open models: sent later than intended by more than the lateness tolerance. */
  late: boolean;
}
