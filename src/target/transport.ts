/**
 * One HTTP call with our timeouts and retries, over undici. `exchange` resolves when a final response's
 * headers are in (retrying refused connections and retryable statuses before that); the body is then read
 * through the returned `Exchange`, chunk by chunk with arrival times, under the first-byte and idle limits.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { type Dispatcher, errors as undiciErrors } from 'undici';
import type { HttpEvidence } from '../run/events.js';
import {
  parseApiError,
  TargetHttpError,
  TargetMalformedError,
  type TargetTimeoutError,
  TargetUnreachableError,
  type TimeoutPhase,
} from './errors.js';
import { buildEvidence, type OutgoingRequest, type Redaction } from './evidence.js';
import { Guard, timeoutError } from './guard.js';
import { describeNetFailure, errorCode, isProgrammerError } from './net-errors.js';
import { redactDeep, redactString } from './redact.js';
import { parseRetryAfter, type RetryPolicy, retryDelayMs, sleep } from './retry.js';

export interface Timeouts {
  connectMs: number;
  /** From sending the request until the first byte of the response body. */
  firstByteMs: number;
  /** Between two chunks of the body, once it has started. */
  idleMs: number;
  /** The whole call, retries and backoff included. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  firstByteMs: 60_000,
  idleMs: 30_000,
  totalMs: 300_000,
};

export interface TransportOptions {
  dispatcher: Dispatcher;
  timeouts: Timeouts;
  retry: RetryPolicy;
  redaction: Redaction;
  signal?: AbortSignal;
  /** Injectable jitter source, for tests. */
  random?: () => number;
}

/** A body chunk and the performance.now() instant it arrived, taken before anything parses it. */
export interface BodyChunk {
  bytes: Uint8Array;
  at: number;
}

const EXCERPT_BYTES = 2048;
// After a stream's terminal event a well-behaved server ends the body at once; reading that end keeps the
// keep-alive socket reusable, but a server that lingers must not turn a finished stream into a timeout.
const DRAIN_GRACE_MS = 1000;

/** Sends `req`, retrying per the policy, and returns the final response with its body unread. */
export async function exchange(req: OutgoingRequest, ctx: TransportOptions): Promise<Exchange> {
  const { timeouts, retry } = ctx;
  const callStart = performance.now();
  const deadlineAt =
    timeouts.totalMs > 0 && Number.isFinite(timeouts.totalMs) ? callStart + timeouts.totalMs : Infinity;
  const fits = (delay: number) => performance.now() + delay < deadlineAt;
  for (let attempt = 1; ; attempt++) {
    const guard = new Guard(callerSignal(ctx.signal), deadlineAt, timeouts.totalMs);
    guard.arm('firstByte', timeouts.firstByteMs);
    const startedAt = performance.now();
    let res: Dispatcher.ResponseData;
    try {
      // What undici's request(url, { dispatcher }) does, minus parsing the same URL again for every call.
      const { origin, path } = destination(req.url);
      res = await ctx.dispatcher.request({
        origin,
        path,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.bodyText,
        signal: guard.signal,
      });
    } catch (err) {
      guard.dispose();
      const since = { callStart, attemptStart: startedAt };
      const { error, retryable } = requestFailure(err, guard, req, ctx, attempt, since);
      const delay = retryDelayMs(attempt - 1, retry, undefined, ctx.random);
      if (retryable && attempt <= retry.maxRetries && fits(delay)) {
        await sleep(delay, ctx.signal);
        continue;
      }
      throw error;
    }
    const ex = new Exchange(req, res, ctx, { attempts: attempt, startedAt, callStart, guard });
    if (attempt <= retry.maxRetries && retry.retryOn.includes(ex.status)) {
      const delay = retryDelayMs(attempt - 1, retry, parseRetryAfter(ex.headers), ctx.random);
      if (fits(delay)) {
        await ex.text().catch(() => undefined); // read the error body so the socket can be reused
        await sleep(delay, ctx.signal);
        continue;
      }
    }
    return ex;
  }
}

/** Classifies an error thrown before any response; rethrows a cancellation or a programmer error. */
function requestFailure(
  err: unknown,
  guard: Guard,
  req: OutgoingRequest,
  ctx: TransportOptions,
  attempts: number,
  since: { callStart: number; attemptStart: number },
): { error: TargetUnreachableError | TargetTimeoutError; retryable: boolean } {
  const base = {
    method: req.method,
    url: redactString(req.url, ctx.redaction.secrets),
    attempts,
    evidence: buildEvidence(req, ctx.redaction),
    cause: err,
  };
  if (guard.fired) return { error: timeoutError(base, guard.fired, since), retryable: false };
  if (guard.callerAborted) throw ctx.signal?.reason ?? err;
  const code = errorCode(err);
  // A custom dispatcher may enforce its own limits; report them as ours.
  const theirs: Record<string, [TimeoutPhase, number]> = {
    UND_ERR_CONNECT_TIMEOUT: ['connect', ctx.timeouts.connectMs],
    UND_ERR_HEADERS_TIMEOUT: ['firstByte', ctx.timeouts.firstByteMs],
  };
  const limit = code ? theirs[code] : undefined;
  if (limit) {
    const error = timeoutError(base, { phase: limit[0], limitMs: limit[1] }, since);
    return { error, retryable: limit[0] === 'connect' };
  }
  if (isProgrammerError(err)) throw err;
  const failure = describeNetFailure(err);
  return {
    error: new TargetUnreachableError({ ...base, reason: failure.reason }),
    retryable: failure.retryable,
  };
}

interface ExchangeMeta {
  attempts: number;
  /** performance.now() when the final attempt was sent. */
  startedAt: number;
  callStart: number;
  guard: Guard;
}

/** A response whose headers have arrived; read its body once, with `chunks()` or `text()`. */
export class Exchange {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Record<string, string>;
  readonly attempts: number;
  readonly startedAt: number;
  readonly headersAt: number;
  /** When the first body byte arrived (undefined until it does, or for an empty body). */
  firstByteAt: number | undefined;
  /** When the body ended (undefined until it does, or if it was cut short). */
  endAt: number | undefined;
  private readonly excerptParts: Uint8Array[] = [];
  private excerptBytes = 0;
  private bytesRead = 0;
  private draining = false;
  private consumed = false;

  constructor(
    readonly request: OutgoingRequest,
    private readonly res: Dispatcher.ResponseData,
    private readonly ctx: TransportOptions,
    private readonly meta: ExchangeMeta,
  ) {
    this.status = res.statusCode;
    this.headers = flattenHeaders(res.headers);
    this.attempts = meta.attempts;
    this.startedAt = meta.startedAt;
    this.headersAt = performance.now();
  }

  /** The URL with secrets scrubbed, for messages. */
  get url(): string {
    return redactString(this.request.url, this.ctx.redaction.secrets);
  }

  /** Yields body chunks as they arrive; throws TargetTimeoutError or TargetUnreachableError if the body fails. */
  async *chunks(): AsyncGenerator<BodyChunk> {
    if (this.consumed) throw new Error('the response body was already read');
    this.consumed = true;
    const { guard } = this.meta;
    const { idleMs } = this.ctx.timeouts;
    try {
      for await (const chunk of this.res.body as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        guard.clearPhase(); // time spent by our consumer is not the server's idleness
        this.firstByteAt ??= at;
        this.bytesRead += chunk.byteLength;
        this.keepExcerpt(chunk);
        yield { bytes: chunk, at };
        if (this.draining) guard.arm('drain', Math.min(DRAIN_GRACE_MS, idleMs > 0 ? idleMs : DRAIN_GRACE_MS));
        else guard.arm('idle', idleMs);
      }
      this.endAt = performance.now();
      // undici frees the socket a tick after the body ends; a caller that sends its next request at once
      // (a closed-loop load test) would otherwise open a second connection every other time.
      await new Promise((resolve) => setImmediate(resolve));
    } catch (err) {
      if (guard.fired?.phase === 'drain') return;
      throw this.bodyFailure(err);
    } finally {
      guard.dispose();
      // Stopping early must release the connection rather than leave it half-read.
      if (!this.res.body.destroyed) this.res.body.destroy();
    }
  }

  /**
   * Reads the body, handing each chunk and its arrival time to `onChunk` from the socket's own callback
   * (no async-iterator hop per chunk, so the time is taken as the bytes are handed over); resolves once
   * the body has ended. Same limits and errors as `chunks()`; an error thrown by `onChunk` stops the read
   * and rejects as it is.
   */
  read(onChunk: (bytes: Uint8Array, at: number) => void): Promise<void> {
    if (this.consumed) return Promise.reject(new Error('the response body was already read'));
    this.consumed = true;
    const { guard } = this.meta;
    const { idleMs } = this.ctx.timeouts;
    const drainMs = Math.min(DRAIN_GRACE_MS, idleMs > 0 ? idleMs : DRAIN_GRACE_MS);
    const body = this.res.body;
    return new Promise<void>((resolve, reject) => {
      let ended = false;
      let settled = false;
      // The error listener stays: an 'error' with no listener would crash the process.
      const stop = () => {
        settled = true;
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('close', onClose);
      };
      const fail = (err: unknown) => {
        if (settled) return;
        stop();
        if (guard.fired?.phase === 'drain') resolve();
        else reject(this.bodyFailure(err));
      };
      const onData = (chunk: Uint8Array) => {
        const at = performance.now();
        guard.clearPhase(); // time spent by our consumer is not the server's idleness
        this.firstByteAt ??= at;
        this.bytesRead += chunk.byteLength;
        this.keepExcerpt(chunk);
        try {
          onChunk(chunk, at);
        } catch (err) {
          stop();
          reject(err);
          return;
        }
        if (this.draining) guard.arm('drain', drainMs);
        else guard.arm('idle', idleMs);
      };
      const onEnd = () => {
        ended = true;
        stop();
        this.endAt = performance.now();
        // undici frees the socket a tick after the body ends; see chunks().
        setImmediate(resolve);
      };
      const onError = (err: unknown) => fail(err);
      // Destroyed without an error (and without an end): what a stream's async iterator calls a premature close.
      const onClose = () => {
        if (!ended) fail(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
      };
      body.on('data', onData);
      body.once('end', onEnd);
      body.on('error', onError);
      body.once('close', onClose);
    }).finally(() => {
      guard.dispose();
      // Stopping early must release the connection rather than leave it half-read.
      if (!body.destroyed) body.destroy();
    });
  }

  /** Reads the whole body as UTF-8 text. */
  async text(): Promise<string> {
    const decoder = new TextDecoder();
    let text = '';
    await this.read((bytes) => {
      text += decoder.decode(bytes, { stream: true });
    });
    return text + decoder.decode();
  }

  /** The stream has said its last word: stop waiting for the body's end after a short grace. */
  drain(): void {
    this.draining = true;
  }

  /** Abandons the body and frees the connection. */
  cancel(): void {
    this.meta.guard.dispose();
    if (!this.res.body.destroyed) this.res.body.destroy();
  }

  /** The first ~2KB of the body, decoded, secrets scrubbed. */
  excerpt(): string {
    const bytes = Buffer.concat(this.excerptParts).subarray(0, EXCERPT_BYTES);
    return redactString(new TextDecoder().decode(bytes), this.ctx.redaction.secrets);
  }

  /** Request, response and curl line, redacted. */
  evidence(): HttpEvidence {
    return buildEvidence(this.request, this.ctx.redaction, {
      status: this.status,
      headers: this.headers,
      excerpt: this.excerpt(),
    });
  }

  /** Fields every TargetError built from this exchange shares. */
  errorBase(cause?: unknown) {
    return {
      method: this.request.method,
      url: this.url,
      attempts: this.attempts,
      evidence: this.evidence(),
      cause,
    };
  }

  /** Scrubs known secrets from any JSON-like value, for what errors keep of the body. */
  redact<T>(value: T): T {
    return redactDeep(value, this.ctx.redaction.secrets);
  }

  /** The error for a non-2xx response whose body text is `text`. */
  httpError(text: string): TargetHttpError {
    // Servers echo requests in error messages; the key must not ride along into a report.
    const json = this.redact(tryJson(text));
    return new TargetHttpError({
      ...this.errorBase(),
      status: this.status,
      apiError: parseApiError(json),
      body: json,
      excerpt: this.redact(text.slice(0, EXCERPT_BYTES)),
      retryAfter: this.headers['retry-after'],
      location: this.headers.location,
    });
  }

  /** The error for a 2xx body that is not what the endpoint promises. */
  malformed(reason: string, text: string): TargetMalformedError {
    return new TargetMalformedError({
      ...this.errorBase(),
      reason,
      excerpt: this.redact(text.slice(0, EXCERPT_BYTES)),
    });
  }

  private bodyFailure(err: unknown): Error {
    const { guard } = this.meta;
    const base = this.errorBase(err);
    const since = { callStart: this.meta.callStart, attemptStart: this.startedAt };
    if (guard.fired) return timeoutError(base, guard.fired, since);
    if (guard.callerAborted) return (this.ctx.signal?.reason as Error | undefined) ?? (err as Error);
    if (isProgrammerError(err)) return err as Error;
    const { reason } = describeNetFailure(err);
    return new TargetUnreachableError({
      ...base,
      reason: `the connection broke after HTTP ${this.status} and ${this.bytesRead} body bytes: ${reason}`,
    });
  }

  private keepExcerpt(chunk: Uint8Array): void {
    if (this.excerptBytes >= EXCERPT_BYTES) return;
    const part = chunk.subarray(0, EXCERPT_BYTES - this.excerptBytes);
    this.excerptParts.push(part.slice()); // a copy: undici may reuse the buffer
    this.excerptBytes += part.byteLength;
  }
}

let lastUrl: string | undefined;
let lastDestination: { origin: string; path: string } | undefined;

/** Origin and path of a URL as undici's `request(url)` splits it (and with its errors); the last one is kept. */
function destination(url: string): { origin: string; path: string } {
  if (url === lastUrl && lastDestination) return lastDestination;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new undiciErrors.InvalidArgumentError(
      'Invalid URL protocol: the URL must start with `http:` or `https:`.',
    );
  }
  const path = parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname;
  lastDestination = { origin: parsed.origin, path };
  lastUrl = url;
  return lastDestination;
}

// A load test hands the same caller signal to hundreds of calls in flight, and each call's Guard listens
// on it. An EventTarget looks through all its listeners on every add and remove, so that signal would
// cost O(calls in flight) per call. Instead each caller signal gets a ring of child signals that follow
// it (aborted at once, with its reason), and each call listens on one child: a few listeners each.
const CHILD_SIGNALS = 64;
const children = new WeakMap<AbortSignal, { ring: AbortController[]; next: number }>();

/** A signal that aborts when (and as) `caller` does, shared by few enough calls to stay cheap. */
function callerSignal(caller: AbortSignal | undefined): AbortSignal | undefined {
  if (caller === undefined || caller.aborted) return caller;
  let fan = children.get(caller);
  if (!fan) {
    const ring: AbortController[] = [];
    fan = { ring, next: 0 };
    children.set(caller, fan);
    caller.addEventListener(
      'abort',
      () => {
        for (const child of ring) child.abort(caller.reason);
      },
      { once: true },
    );
  }
  const i = fan.next;
  fan.next = (i + 1) % CHILD_SIGNALS;
  let child = fan.ring[i];
  if (!child) {
    child = new AbortController();
    // Past 64 x 10 calls in flight a child has more than 10 listeners: expected, not a leak.
    setMaxListeners(0, child.signal);
    fan.ring[i] = child;
  }
  return child.signal;
}

/** Parses JSON, or returns undefined. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
