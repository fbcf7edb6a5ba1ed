/**
 * The sender for generic REST targets (prediction services, gateways): a templated request per workload
 * row, timed from dispatch to the first body byte and to the body's end. The body is drained, not kept,
 * so a long run costs no memory; only a failed response keeps a short excerpt as evidence.
 */
import { performance } from 'node:perf_hooks';
import { Agent, type Dispatcher, request } from 'undici';
import { describeNetFailure, isProgrammerError } from '../../../target/net-errors.js';
import type { LoadRequest, RequestOutcome, Sender } from '../types.js';
import type { OutcomeError } from './classify.js';
import { compileBody, compileHeaders, compileString, TemplateError } from './template.js';

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
const TIMED_OUT = Symbol('timeout');

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

  const send = async (req: LoadRequest, signal: AbortSignal): Promise<RequestOutcome> => {
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
      return failed(req, performance.now(), { class: 'malformed', message: `request not sent: ${message}` });
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), opts.timeoutMs);
    const onAbort = () => controller.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const sentAt = performance.now();
    let status: number | undefined;
    let firstByte: number | undefined;
    try {
      const res = await request(url, {
        dispatcher,
        method: tpl.method,
        headers: hdrs,
        body: payload,
        signal: controller.signal,
      });
      status = res.statusCode;
      const good = ok(status);
      let excerpt = '';
      await new Promise<void>((resolve, reject) => {
        res.body.on('data', (chunk: Buffer) => {
          firstByte ??= performance.now();
          if (!good && excerpt.length < EXCERPT_BYTES) excerpt += chunk.toString('utf8', 0, EXCERPT_BYTES);
        });
        res.body.once('end', resolve);
        res.body.once('error', reject);
      });
      const end = performance.now() - sentAt;
      const rawId = res.headers['x-request-id'];
      return {
        index: req.index,
        sentAt,
        sentAtEpochMs: performance.timeOrigin + sentAt,
        ok: good,
        status,
        error: good ? undefined : httpError(tpl.method, url, status, excerpt),
        ttfbMs: firstByte === undefined ? undefined : firstByte - sentAt,
        ttftMs: undefined,
        e2eMs: end,
        e2eCloseMs: end,
        itlMs: [],
        contentChunks: 0,
        outputTokens: undefined,
        outputTokensSource: 'none',
        tokenCountMismatch: undefined,
        promptTokens: undefined,
        requestId: Array.isArray(rawId) ? rawId[0] : rawId,
      };
    } catch (err) {
      const error = classify(err, controller.signal, status, tpl.method, url, opts.timeoutMs);
      const outcome = failed(req, sentAt, error);
      if (status !== undefined) outcome.status = status;
      if (firstByte !== undefined) outcome.ttfbMs = firstByte - sentAt;
      return outcome;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  };
  return Object.assign(send, { close: async () => owned?.close() });
}

function classify(
  err: unknown,
  signal: AbortSignal,
  status: number | undefined,
  method: string,
  url: string,
  timeoutMs: number,
): OutcomeError {
  if (signal.aborted && signal.reason === TIMED_OUT) {
    return { class: 'timeout', message: `${method} ${url} did not finish within ${timeoutMs}ms` };
  }
  if (signal.aborted) return { class: 'aborted', message: `${method} ${url} was cancelled` };
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
