/**
 * The client for OpenAI-compatible servers (OpenAI, vLLM, llama.cpp, TGI, Ollama, ...). Every result and
 * every error carries redacted evidence and a curl line; timeouts say which limit ran out; retries back
 * off with jitter and honour Retry-After, and never resend a stream that has started.
 */
import { performance } from 'node:perf_hooks';
import { Agent, type Dispatcher } from 'undici';
import type { HttpEvidence } from '../../run/events.js';
import { TargetConfigError } from '../errors.js';
import { collectSecrets } from '../redact.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../retry.js';
import { DEFAULT_TIMEOUTS, type Exchange, exchange, type Timeouts, tryJson } from '../transport.js';
import type { AnyChunk } from './accumulate.js';
import { chatCompletionProblem, completionProblem, modelListProblem } from './shapes.js';
import { StreamHandle, type StreamOptions, type StreamResult } from './stream.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Completion,
  CompletionChunk,
  CompletionRequest,
  ModelList,
} from './types.js';

export interface OpenAIClientOptions {
  /** e.g. http://127.0.0.1:8000/v1 (a trailing slash is fine). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never printed. */
  apiKey?: string;
  headers?: Record<string, string>;
  /** Defaults: connect 10s, first byte 60s, idle 30s, total 300s; 0 turns a limit off. */
  timeouts?: Partial<Timeouts>;
  /** Defaults: 2 retries, 500ms base, 10s cap, Retry-After honoured, on 408/409/429/500/502/503/504. */
  retry?: Partial<RetryPolicy>;
  /** A custom undici dispatcher (proxy, mock); it then owns connection limits, keep-alive and connect timeout. */
  dispatcher?: Dispatcher;
  /** The env var named in curl lines instead of the key; default OPENAI_API_KEY. */
  apiKeyEnv?: string;
}

/** Per-call options; `timeouts`, `retry` and `headers` override the client's. */
export interface CallOptions {
  signal?: AbortSignal;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  headers?: Record<string, string>;
}

/** Times of a non-streaming call, in ms after `startedAt` (performance.now() at send of the final attempt). */
export interface CallTimings {
  startedAt: number;
  headersMs: number;
  ttfbMs: number | undefined;
  endMs: number;
}

/** A parsed 2xx response with its evidence. */
export interface CallResult<T> {
  data: T;
  status: number;
  headers: Record<string, string>;
  /** Requests sent, retries included. */
  attempts: number;
  timings: CallTimings;
  evidence: HttpEvidence;
}

/** Any response, 2xx or not, as text (and JSON when it parses). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json?: unknown;
  attempts: number;
  timings: CallTimings;
  evidence: HttpEvidence;
}

export type StreamEndpoint = 'chat' | 'completions';

const PATHS: Record<StreamEndpoint, string> = { chat: '/chat/completions', completions: '/completions' };

/** A client for one OpenAI-compatible base URL. Call `close()` when done to free its sockets. */
export class OpenAIClient {
  readonly baseUrl: string;
  private readonly options: OpenAIClientOptions;
  private readonly timeouts: Timeouts;
  private readonly retry: RetryPolicy;
  // One Agent per connect timeout: undici fixes it per dispatcher, and calls may override it.
  private readonly agents = new Map<number, Agent>();

  constructor(options: OpenAIClientOptions) {
    this.options = options;
    this.baseUrl = checkBaseUrl(options.baseUrl);
    this.timeouts = merge(DEFAULT_TIMEOUTS, options.timeouts);
    this.retry = merge(DEFAULT_RETRY, options.retry);
  }

  /** GET /models. */
  async listModels(opts: CallOptions = {}): Promise<CallResult<ModelList>> {
    return this.json<ModelList>('GET', '/models', undefined, opts, modelListProblem);
  }

  /** POST /chat/completions, not streaming. */
  async chat(body: ChatCompletionRequest, opts: CallOptions = {}): Promise<CallResult<ChatCompletion>> {
    return this.json<ChatCompletion>('POST', PATHS.chat, body, opts, chatCompletionProblem);
  }

  /** POST /completions, not streaming. */
  async completions(body: CompletionRequest, opts: CallOptions = {}): Promise<CallResult<Completion>> {
    return this.json<Completion>('POST', PATHS.completions, body, opts, completionProblem);
  }

  /** Streams a chat completion to its end and returns text, chunks, usage and timings. */
  async chatStream(
    body: ChatCompletionRequest,
    opts: CallOptions = {},
  ): Promise<StreamResult<ChatCompletionChunk>> {
    return (await this.streamEvents('chat', body, opts)).collect();
  }

  /** Streams a text completion to its end and returns text, chunks, usage and timings. */
  async completionsStream(
    body: CompletionRequest,
    opts: CallOptions = {},
  ): Promise<StreamResult<CompletionChunk>> {
    return (await this.streamEvents('completions', body, opts)).collect();
  }

  /**
   * Starts a stream and resolves once a 2xx response's headers are in; iterate the handle for chunks as
   * they arrive. Sets `stream: true` and, unless the body has `stream_options`, asks for the usage chunk.
   * `stream.keepChunks: false` keeps only totals and times, not every chunk (for load tests).
   */
  streamEvents(
    endpoint: 'chat',
    body: ChatCompletionRequest,
    opts?: CallOptions,
    stream?: StreamOptions,
  ): Promise<StreamHandle<ChatCompletionChunk>>;
  streamEvents(
    endpoint: 'completions',
    body: CompletionRequest,
    opts?: CallOptions,
    stream?: StreamOptions,
  ): Promise<StreamHandle<CompletionChunk>>;
  async streamEvents(
    endpoint: StreamEndpoint,
    body: ChatCompletionRequest | CompletionRequest,
    opts: CallOptions = {},
    stream: StreamOptions = {},
  ): Promise<StreamHandle<AnyChunk>> {
    const payload: Record<string, unknown> = { ...body, stream: true };
    if (body.stream_options === undefined) payload.stream_options = { include_usage: true };
    const ex = await this.open('POST', PATHS[endpoint], payload, opts, 'text/event-stream');
    if (!ok(ex.status)) throw ex.httpError(await ex.text());
    const type = ex.headers['content-type'] ?? '';
    // A server that ignores `stream: true` answers with one JSON body; say so rather than report "no chunks".
    if (/json/i.test(type)) throw ex.malformed(`asked for a stream but got ${type}`, await ex.text());
    return new StreamHandle<AnyChunk>(ex, stream);
  }

  /** Any request, relative to baseUrl (or an absolute URL); never throws on a non-2xx status. */
  async request(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<RawResponse> {
    const ex = await this.open(method.toUpperCase(), path, body, opts, 'application/json');
    const text = await ex.text();
    const json = tryJson(text);
    return {
      status: ex.status,
      headers: ex.headers,
      text,
      ...(json === undefined ? {} : { json }),
      attempts: ex.attempts,
      timings: timingsOf(ex),
      evidence: ex.evidence(),
    };
  }

  /** The absolute URL for a path under baseUrl. */
  url(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    return `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
  }

  /** Closes the connection pools this client created (not a dispatcher passed in). */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  private async json<T>(
    method: string,
    path: string,
    body: unknown,
    opts: CallOptions,
    problemOf: (json: unknown) => string | undefined,
  ): Promise<CallResult<T>> {
    const ex = await this.open(method, path, body, opts, 'application/json');
    const text = await ex.text();
    if (!ok(ex.status)) throw ex.httpError(text);
    const json = tryJson(text);
    if (json === undefined)
      throw ex.malformed(text === '' ? 'the body is empty' : 'the body is not JSON', text);
    const problem = problemOf(json);
    if (problem) throw ex.malformed(problem, text);
    return {
      data: json as T,
      status: ex.status,
      headers: ex.headers,
      attempts: ex.attempts,
      timings: timingsOf(ex),
      evidence: ex.evidence(),
    };
  }

  private open(
    method: string,
    path: string,
    body: unknown,
    opts: CallOptions,
    accept: string,
  ): Promise<Exchange> {
    const headers = this.headersFor(accept, body !== undefined, opts.headers);
    const bodyText = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const timeouts = merge(this.timeouts, opts.timeouts);
    return exchange(
      { method, url: this.url(path), headers, body, bodyText },
      {
        dispatcher: this.dispatcherFor(timeouts.connectMs),
        timeouts,
        retry: merge(this.retry, opts.retry),
        redaction: {
          secrets: collectSecrets(headers, [this.options.apiKey]),
          apiKeyEnv: this.options.apiKeyEnv ?? 'OPENAI_API_KEY',
        },
        signal: opts.signal,
      },
    );
  }

  private headersFor(
    accept: string,
    hasBody: boolean,
    extra?: Record<string, string>,
  ): Record<string, string> {
    const headers: Record<string, string> = { accept, 'user-agent': 'gauntlet' };
    if (hasBody) headers['content-type'] = 'application/json';
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    // Lower-case every name so a caller's "Authorization" replaces ours instead of doubling it.
    for (const source of [this.options.headers, extra]) {
      for (const [name, value] of Object.entries(source ?? {})) headers[name.toLowerCase()] = value;
    }
    return headers;
  }

  private dispatcherFor(connectMs: number): Dispatcher {
    if (this.options.dispatcher) return this.options.dispatcher;
    const timeout = connectMs > 0 && Number.isFinite(connectMs) ? connectMs : 0;
    let agent = this.agents.get(timeout);
    if (!agent) {
      // Our Guard owns first-byte and idle limits, so undici's own header/body timeouts are off.
      agent = new Agent({ connect: { timeout }, headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 4_000 });
      this.agents.set(timeout, agent);
    }
    return agent;
  }
}

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new TargetConfigError(
      `baseUrl "${baseUrl}" is not a URL; write it like http://127.0.0.1:8000/v1.`,
      {
        cause,
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TargetConfigError(`baseUrl "${baseUrl}" must start with http:// or https://.`);
  }
  return baseUrl.replace(/\/+$/, '');
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Overrides defaults with the fields that are actually set (an explicit undefined keeps the default). */
function merge<T extends object>(base: T, over: Partial<T> | undefined): T {
  const out = { ...base };
  for (const [key, value] of Object.entries(over ?? {})) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function timingsOf(ex: Exchange): CallTimings {
  const rel = (at: number | undefined) => (at === undefined ? undefined : at - ex.startedAt);
  return {
    startedAt: ex.startedAt,
    headersMs: ex.headersAt - ex.startedAt,
    ttfbMs: rel(ex.firstByteAt),
    endMs: (ex.endAt ?? performance.now()) - ex.startedAt,
  };
}
