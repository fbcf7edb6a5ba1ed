/**
 * What can go wrong talking to a target, as typed errors with stable codes. Messages are written for
 * someone paged at 2 a.m.: what failed, where (method + URL), the number against its limit, what to try.
 * Every error carries the HTTP evidence (secrets redacted) and, for streams, what arrived before it.
 */
import { type ExitCode, GauntletError } from '../errors.js';
import type { HttpEvidence } from '../run/events.js';
import type { OpenAIErrorDetail } from './openai/types.js';

export type TimeoutPhase = 'connect' | 'firstByte' | 'idle' | 'total';

/** What a stream delivered before it failed. */
export interface StreamReceived {
  text: string;
  chunks: unknown[];
}

interface TargetErrorOptions {
  /** Method and URL as shown to people (secrets already redacted). */
  method: string;
  url: string;
  attempts?: number;
  evidence?: HttpEvidence;
  received?: StreamReceived;
  cause?: unknown;
}

/** Base of every error about the target under test. */
export class TargetError extends GauntletError {
  readonly method: string;
  readonly url: string;
  /** How many requests were sent, retries included. */
  attempts: number;
  evidence?: HttpEvidence;
  received?: StreamReceived;
  constructor(code: string, message: string, o: TargetErrorOptions & { exitCode?: ExitCode }) {
    super(code, message, { exitCode: o.exitCode ?? 3, cause: o.cause });
    this.method = o.method;
    this.url = o.url;
    this.attempts = o.attempts ?? 1;
    this.evidence = o.evidence;
    this.received = o.received;
  }
}

/** No HTTP response at all: connection refused, DNS failure, reset or TLS failure before a status line. */
export class TargetUnreachableError extends TargetError {
  readonly reason: string;
  constructor(o: TargetErrorOptions & { reason: string }) {
    const host = hostOf(o.url);
    super(
      'E_TARGET_UNREACHABLE',
      `Cannot reach the target: ${o.method} ${o.url} failed with no response: ${o.reason}${tries(o.attempts)}. ` +
        `Is the server running and listening on ${host}? Check the target's baseUrl and that nothing (proxy, firewall) is in the way.`,
      o,
    );
    this.reason = o.reason;
  }
}

const PHASE_TEXT: Record<TimeoutPhase, (limit: string, host: string) => string> = {
  connect: (limit, host) =>
    `could not open a connection to ${host} within ${limit} (timeouts.connectMs). The host may be down or a firewall may drop packets; check the address, or raise timeouts.connectMs.`,
  firstByte: (limit) =>
    `the request was sent but no response arrived within ${limit} (timeouts.firstByteMs). The server may be overloaded, stuck or still loading the model; check its logs, or raise timeouts.firstByteMs if it is just slow.`,
  idle: (limit) =>
    `the response stalled: nothing arrived for ${limit} (timeouts.idleMs) after it had started. The server may have hung mid-generation; check its logs, or raise timeouts.idleMs.`,
  total: (limit) =>
    `the whole call (retries included) did not finish within ${limit} (timeouts.totalMs). Ask for fewer tokens (max_tokens) or raise timeouts.totalMs.`,
};

/** A time limit ran out; `phase` says which (connect, first byte, idle between chunks, total). */
export class TargetTimeoutError extends TargetError {
  readonly phase: TimeoutPhase;
  readonly limitMs: number;
  readonly elapsedMs: number;
  constructor(o: TargetErrorOptions & { phase: TimeoutPhase; limitMs: number; elapsedMs: number }) {
    super(
      'E_TARGET_TIMEOUT',
      `${o.method} ${o.url} timed out after ${ms(o.elapsedMs)} (${o.phase} limit ${ms(o.limitMs)})${tries(o.attempts)}: ` +
        PHASE_TEXT[o.phase](ms(o.limitMs), hostOf(o.url)),
      o,
    );
    this.phase = o.phase;
    this.limitMs = o.limitMs;
    this.elapsedMs = o.elapsedMs;
  }
}

/** The target answered with a non-2xx status. */
export class TargetHttpError extends TargetError {
  readonly status: number;
  /** The OpenAI-style error detail, when the body had one. */
  readonly apiError?: OpenAIErrorDetail;
  /** The parsed JSON body, when it was JSON. */
  readonly body?: unknown;
  readonly excerpt: string;
  /** The raw Retry-After header, if any. */
  readonly retryAfter?: string;
  constructor(
    o: TargetErrorOptions & {
      status: number;
      apiError?: OpenAIErrorDetail;
      body?: unknown;
      excerpt: string;
      retryAfter?: string;
      location?: string;
    },
  ) {
    const what = o.apiError
      ? describeApiError(o.apiError)
      : o.excerpt
        ? `body: ${clip(gist(o.excerpt), 200)}`
        : 'empty body';
    // Bad credentials are a config problem (exit 2), not a broken target.
    const exitCode: ExitCode = o.status === 401 || o.status === 403 ? 2 : 3;
    super(
      'E_TARGET_HTTP',
      `${o.method} ${o.url} returned HTTP ${o.status}${tries(o.attempts)}: ${what}. ${httpHint(o.status, o.retryAfter, o.location)}`,
      { ...o, exitCode },
    );
    this.status = o.status;
    this.apiError = o.apiError;
    this.body = o.body;
    this.excerpt = o.excerpt;
    this.retryAfter = o.retryAfter;
  }
}

/** A 2xx body that is not JSON, or not the shape the endpoint promises. */
export class TargetMalformedError extends TargetError {
  readonly reason: string;
  readonly excerpt: string;
  constructor(o: TargetErrorOptions & { reason: string; excerpt: string }) {
    super(
      'E_TARGET_MALFORMED',
      `${o.method} ${o.url} returned a malformed response: ${o.reason}. Excerpt: ${clip(o.excerpt, 200) || '(empty)'}. ` +
        'Is baseUrl an OpenAI-compatible endpoint (usually ending in /v1)? The full excerpt is in the evidence.',
      o,
    );
    this.reason = o.reason;
    this.excerpt = o.excerpt;
  }
}

/** A stream broke after it started: an error event, `{"error":...}` data, or the connection dropped. */
export class TargetStreamError extends TargetError {
  readonly reason: string;
  readonly apiError?: OpenAIErrorDetail;
  /** The raw data of the error event, if there was one. */
  readonly errorData?: string;
  declare received: StreamReceived;
  constructor(
    o: TargetErrorOptions & {
      reason: string;
      apiError?: OpenAIErrorDetail;
      errorData?: string;
      received: StreamReceived;
    },
  ) {
    const detail = o.apiError
      ? `: ${describeApiError(o.apiError)}`
      : o.errorData
        ? `: ${clip(o.errorData, 200)}`
        : '';
    super(
      'E_TARGET_STREAM',
      `${o.method} ${o.url} stream failed after ${o.received.chunks.length} chunks (${o.received.text.length} chars of text): ` +
        `${o.reason}${detail}. What arrived before the failure is kept in the error; check the server logs around this time.`,
      o,
    );
    this.reason = o.reason;
    this.apiError = o.apiError;
    this.errorData = o.errorData;
  }
}

/** The client was configured wrongly (a bad baseUrl): a usage problem, exit 2. */
export class TargetConfigError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_TARGET_CONFIG', message, { ...options, exitCode: 2 });
  }
}

/** Pulls an error detail out of `{error:{message,...}}`, `{error:"..."}` or vLLM's top-level `{message,type,code}`. */
export function parseApiError(json: unknown): OpenAIErrorDetail | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.error === 'string') return { message: o.error };
  const detail = o.error !== null && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : o;
  if (typeof detail.message !== 'string') return undefined;
  return {
    message: detail.message,
    type: typeof detail.type === 'string' ? detail.type : null,
    param: typeof detail.param === 'string' ? detail.param : null,
    code: typeof detail.code === 'string' || typeof detail.code === 'number' ? detail.code : null,
  };
}

function describeApiError(e: OpenAIErrorDetail): string {
  const extras = [
    e.type && `type ${e.type}`,
    e.code != null && `code ${e.code}`,
    e.param && `param ${e.param}`,
  ];
  const tail = extras.filter(Boolean).join(', ');
  return `"${clip(e.message, 300)}"${tail ? ` (${tail})` : ''}`;
}

function httpHint(status: number, retryAfter?: string, location?: string): string {
  if (status >= 300 && status < 400)
    return `The server redirects${location ? ` to ${location}` : ''}; point baseUrl at the final URL.`;
  if (status === 401 || status === 403)
    return 'Check the API key (the target apiKey, often read from OPENAI_API_KEY) and that it may use this model.';
  if (status === 404)
    return 'Check baseUrl (it usually ends in /v1) and the model name (GET /models lists them).';
  if (status === 408 || status === 429)
    return `The server is throttling${retryAfter ? ` (Retry-After: ${retryAfter})` : ''}; lower the load or raise retry.maxRetries.`;
  if (status === 413) return 'The request is too large; shorten the prompt or lower max_tokens.';
  if (status >= 400 && status < 500)
    return 'The server rejected the request; compare it with the curl line in the evidence.';
  return 'The server failed; check its logs, and rerun the curl line in the evidence to see if it is reproducible.';
}

/** One line, at most `max` characters: messages must stay readable when a body is a whole HTML page. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Proxies answer errors with HTML pages; their text ("502 Bad Gateway nginx") is what a person needs. */
function gist(body: string): string {
  return /^\s*</.test(body)
    ? body.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
    : body;
}

function tries(attempts: number | undefined): string {
  return attempts && attempts > 1 ? ` (after ${attempts} attempts)` : '';
}

function ms(value: number): string {
  return `${Math.round(value)}ms`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
