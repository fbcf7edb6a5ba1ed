/**
 * The sender for generic REST targets (prediction services, gateways): a templated request per workload
 * row, timed from dispatch to the first body byte and to the body's end. The body is drained, not kept,
 * so a long run costs no memory; only a failed response keeps a short excerpt as evidence.
 *
 * Per-request cost matters here (a closed loop at tens of thousands of requests a second), so a request is
 * one undici `dispatch` with a small handler: no body stream, no AbortController, no listener per request
 * on the caller's signal (one per signal, shared by the requests in flight).
 */
import { performance } from 'node:perf_hooks';
import { Agent, type Dispatcher, errors as undiciErrors } from 'undici';
import { describeNetFailure, isProgrammerError } from '../../../target/net-errors.js';
import type { LoadRequest, RequestOutcome, Sender } from '../types.js';
import type { OutcomeError } from './classify.js';
import { compileBody, compileHeaders, compileString, TemplateError, templateVariables } from './template.js';

export interface HttpRequestTemplate {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Starts with `/`, appended to baseUrl; `{{var}}` values are URL-encoded. */
  path: string;
  headers: Record<string, string>;
  /** JSON body template; when absent, POST/PUT/PATCH send the workload row itself. */
  body?: unknown;
  /** Statuses that count as success; default any 2xx. */
  expectStatus?: number[] | undefined;
}

export interface HttpSenderOptions {
  baseUrl: string;
  /** The target's headers (auth, ...); the request template's headers win on a clash. */
  headers: Record<string, string>;
  request: HttpRequestTemplate;
  /** The whole request; past it the outcome is a `timeout` error. */
  timeoutMs: number;
  /** Defaults to a keep-alive Agent owned (and closed) by the sender. */
  dispatcher?: Dispatcher;
}

/** A Sender that also frees the connection pool it created. */
export type HttpSender = Sender & { close(): Promise<void> };

const EXCERPT_BYTES = 200;

/** Where a request goes, as undici's dispatch wants it. */
interface Destination {
  origin: string;
  path: string;
}

/** A Sender for `type: http` targets that fills the request template from each row's `vars`. */
export function createHttpSender(opts: HttpSenderOptions): HttpSender {
  const { request: tpl } = opts;
  const origin = opts.baseUrl.replace(/\/+$/, '');
  const path = compileString(tpl.path, encodeURIComponent);
  const sendsBody = tpl.method !== 'GET' && tpl.method !== 'DELETE';
  const body = tpl.body !== undefined ? compileBody(tpl.body) : undefined;
  const baseHeaders = lowerCase({
    ...(sendsBody || tpl.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...lowerCase(opts.headers),
    ...lowerCase(tpl.headers),
  });
  const headers = compileHeaders(baseHeaders);
  const ok = tpl.expectStatus
    ? (status: number) => (tpl.expectStatus as number[]).includes(status)
    : (status: number) => status >= 200 && status < 300;
  const owned = opts.dispatcher
    ? undefined
    : // Our timer is the only limit, so undici's own header/body timeouts are off.
      new Agent({ keepAliveTimeout: 4_000, headersTimeout: 0, bodyTimeout: 0 });
  const dispatcher = (opts.dispatcher ?? owned) as Dispatcher;
  // A path without variables is resolved once; undici would parse the same URL on every request.
  let fixed: Destination | undefined;
  if (templateVariables(tpl.path).size === 0) {
    try {
      fixed = destination(origin + tpl.path);
    } catch {
      // Left to each request, which reports the error as an outcome.
    }
  }
  const ctx: CallContext = { method: tpl.method, ok, timeoutMs: opts.timeoutMs, inFlight: new InFlight() };

  const send = (req: LoadRequest, signal: AbortSignal): Promise<RequestOutcome> => {
    let url: string;
    let payload: string | undefined;
    let hdrs: Record<string, string>;
    try {
      url = origin + path(req.vars);
      hdrs = headers(req.vars);
      if (body) payload = body(req.vars);
      else if (sendsBody) payload = JSON.stringify(req.vars ?? req.body);
    } catch (err) {
      // A row the template cannot be filled from (or a body JSON cannot write) is counted, not thrown.
      const message = err instanceof TemplateError || err instanceof Error ? err.message : String(err);
      return Promise.resolve(
        failed(req, performance.now(), { class: 'malformed', message: `request not sent: ${message}` }),
      );
    }
    return new Promise<RequestOutcome>((resolve) => {
      const call = new HttpCall(ctx, req, url, signal, resolve);
      let to: Destination;
      try {
        to = fixed ?? destination(url);
      } catch (err) {
        call.onError(err);
        return;
      }
      if (call.done) return; // the caller had already cancelled
      dispatcher.dispatch(
        { origin: to.origin, path: to.path, method: tpl.method, headers: hdrs, body: payload },
        call,
      );
    });
  };
  return Object.assign(send, { close: async () => owned?.close() });
}

interface CallContext {
  method: string;
  ok: (status: number) => boolean;
  timeoutMs: number;
  inFlight: InFlight;
}

/** One request: undici's handler, its deadline, and the outcome it resolves with. */
class HttpCall implements Dispatcher.DispatchHandler {
  readonly sentAt: number;
  done = false;
  private status: number | undefined;
  private good = false;
  private firstByte: number | undefined;
  private excerpt = '';
  private requestId: string | undefined;
  private abortRequest: ((reason?: Error) => void) | undefined;
  /** Why we cancelled the request, if we did. */
  private cancelled: 'timeout' | 'caller' | undefined;
  private reason: Error | undefined;
  /** performance.now() past which the request is a timeout. */
  readonly deadline: number;

  constructor(
    private readonly ctx: CallContext,
    private readonly req: LoadRequest,
    private readonly url: string,
    readonly signal: AbortSignal,
    private readonly resolve: (outcome: RequestOutcome) => void,
  ) {
    this.sentAt = performance.now();
    this.deadline = this.sentAt + ctx.timeoutMs;
    if (signal.aborted) this.onError(new undiciErrors.RequestAbortedError());
    else ctx.inFlight.add(this);
  }

  /** Cancels the request; undici then calls onError (at once, or when the request reaches a socket). */
  cancel(why: 'timeout' | 'caller'): void {
    if (this.done || this.cancelled) return;
    this.cancelled = why;
    this.reason = new undiciErrors.RequestAbortedError();
    this.abortRequest?.(this.reason);
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.reason) abort(this.reason);
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    if (statusCode < 200) return true; // 1xx: the final response is still to come
    this.status = statusCode;
    this.good = this.ctx.ok(statusCode);
    this.requestId = requestIdOf(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.firstByte ??= performance.now();
    if (!this.good && this.excerpt.length < EXCERPT_BYTES)
      this.excerpt += chunk.toString('utf8', 0, EXCERPT_BYTES);
    return true;
  }

  onComplete(): void {
    if (this.done) return;
    const end = performance.now() - this.sentAt;
    const { req, sentAt, status = 0, good } = this;
    const outcome: RequestOutcome = {
      index: req.index,
      sentAt,
      sentAtEpochMs: performance.timeOrigin + sentAt,
      ok: good,
      status,
      error: good ? undefined : httpError(this.ctx.method, this.url, status, this.excerpt),
      ttfbMs: this.firstByte === undefined ? undefined : this.firstByte - sentAt,
      ttftMs: undefined,
      e2eMs: end,
      e2eCloseMs: end,
      itlMs: [],
      contentChunks: 0,
      outputTokens: undefined,
      outputTokensSource: 'none',
      tokenCountMismatch: undefined,
      promptTokens: undefined,
      requestId: this.requestId,
    };
    this.finish();
    // undici returns the socket to its pool one event-loop turn after the body ends (a setImmediate it
    // queues after this callback); a caller that sends its next request at once would otherwise open a
    // second connection every other time. Queued from a microtask so that it runs after undici's.
    queueMicrotask(() => setImmediate(this.resolve, outcome));
  }

  onError(err: unknown): void {
    if (this.done) return;
    const error = this.classify(err);
    const outcome = failed(this.req, this.sentAt, error);
    if (this.status !== undefined) outcome.status = this.status;
    if (this.firstByte !== undefined) outcome.ttfbMs = this.firstByte - this.sentAt;
    this.finish();
    this.resolve(outcome);
  }

  private finish(): void {
    this.done = true;
    this.ctx.inFlight.delete(this);
  }

  private classify(err: unknown): OutcomeError {
    const { method, timeoutMs } = this.ctx;
    const { url, status } = this;
    if (this.cancelled === 'timeout') {
      return { class: 'timeout', message: `${method} ${url} did not finish within ${timeoutMs}ms` };
    }
    if (this.cancelled === 'caller' || this.signal.aborted) {
      return { class: 'aborted', message: `${method} ${url} was cancelled` };
    }
    const { reason } = describeNetFailure(err);
    if (isProgrammerError(err))
      return { class: 'malformed', message: `internal error while sending: ${reason}` };
    // After the status line the server had answered: losing the rest is a cut-short body, not a refused connection.
    if (status !== undefined) {
      return {
        class: 'truncated',
        message: `${method} ${url}: the body broke after HTTP ${status}: ${reason}`,
      };
    }
    return { class: 'connect', message: `${method} ${url} failed with no response: ${reason}` };
  }
}

/**
 * The requests in flight on one sender, oldest first. They share one limit, so their deadlines come in
 * the order they were sent: one timer, armed for the oldest, replaces a timer per request, and one abort
 * listener per caller signal replaces a listener per request (both cost more than the rest of the
 * sender's own per-request work).
 */
class InFlight {
  private readonly calls = new Set<HttpCall>();
  private timer: NodeJS.Timeout | undefined;
  private readonly signals = new WeakSet<AbortSignal>();
  private lastSignal: AbortSignal | undefined;

  add(call: HttpCall): void {
    this.calls.add(call);
    if (this.timer === undefined) this.arm(call.deadline);
    const { signal } = call;
    if (signal !== this.lastSignal && !this.signals.has(signal)) {
      this.signals.add(signal);
      signal.addEventListener('abort', () => this.cancelAll(signal), { once: true });
    }
    this.lastSignal = signal;
  }

  delete(call: HttpCall): void {
    this.calls.delete(call);
    // Nothing left to time: a pending timer must not hold the process open after the last request.
    if (this.calls.size === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private arm(deadline: number): void {
    if (!Number.isFinite(deadline)) return;
    this.timer = setTimeout(this.expire, Math.max(0, deadline - performance.now()));
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    for (const call of this.calls) {
      if (call.deadline > now) {
        this.arm(call.deadline);
        return;
      }
      call.cancel('timeout'); // stays listed until undici reports the abort (at once, or at its socket)
    }
  };

  private cancelAll(signal: AbortSignal): void {
    for (const call of [...this.calls]) if (call.signal === signal) call.cancel('caller');
  }
}

/** Origin and path of a URL, as undici's `request(url)` derives them (and with the same errors). */
function destination(url: string): Destination {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new undiciErrors.InvalidArgumentError(
      'Invalid URL protocol: the URL must start with `http:` or `https:`.',
    );
  }
  return {
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
  };
}

/** The first `x-request-id` of a raw header list (names in any case, values latin1, as undici decodes them). */
function requestIdOf(raw: Buffer[] | string[] | null): string | undefined {
  if (!raw) return undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as Buffer | string;
    if (name.length !== 12) continue;
    const text = typeof name === 'string' ? name : name.toString('latin1');
    if (text.toLowerCase() !== 'x-request-id') continue;
    const value = raw[i + 1] as Buffer | string;
    return typeof value === 'string' ? value : value.toString('latin1');
  }
  return undefined;
}
function httpError(method: string, url: string, status: number, excerpt: string): OutcomeError {
  const body = excerpt.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_BYTES);
  return {
    class: 'http',
    status,
    message: `${method} ${url} returned HTTP ${status}${body ? `: ${body}` : ''}`,
  };
}

function failed(req: LoadRequest, sentAt: number, error: OutcomeError): RequestOutcome {
  return {
    index: req.index,
    sentAt,
    sentAtEpochMs: performance.timeOrigin + sentAt,
    ok: false,
    status: error.status,
    error,
    itlMs: [],
    contentChunks: 0,
    outputTokensSource: 'none',
  };
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
