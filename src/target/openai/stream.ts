/**
 * Reading an OpenAI stream: SSE events become parsed chunks, as they arrive, with their arrival times.
 * A stream that ends without `data: [DONE]` is not an error here: the result says `doneReceived: false`
 * so a check can fail on it with the whole stream as evidence.
 */
import { performance } from 'node:perf_hooks';
import type { HttpEvidence } from '../../run/events.js';
import {
  parseApiError,
  type StreamReceived,
  TargetError,
  type TargetMalformedError,
  TargetStreamError,
  TargetUnreachableError,
} from '../errors.js';
import { type Exchange, tryJson } from '../transport.js';
import { type AnyChunk, StreamAccumulator, type StreamChoice } from './accumulate.js';
import { isObject } from './shapes.js';
import { type SseEvent, SseParser } from './sse.js';
import type { FinishReason, Usage } from './types.js';

/** What the low-level iterator yields: a parsed chunk, or the `[DONE]` marker. Times are ms after send. */
export type StreamEvent<C extends AnyChunk = AnyChunk> =
  | { type: 'chunk'; chunk: C; atMs: number; content: string; hasContent: boolean }
  | { type: 'done'; atMs: number };

export interface StreamTimings {
  /** performance.now() when the request (its final attempt) was sent; every other time is relative to it. */
  startedAt: number;
  /** Response headers received. */
  headersMs: number;
  /** First body byte received (undefined for an empty body). */
  ttfbMs: number | undefined;
  /** First chunk carrying tokens (text, reasoning or tool calls). */
  firstContentMs: number | undefined;
  /** Arrival of every chunk carrying tokens, taken when its bytes arrived, before JSON parsing. */
  contentChunkTimesMs: number[];
  /** `[DONE]` received, or the body ended without it. */
  endMs: number;
}

export interface StreamResult<C extends AnyChunk = AnyChunk> {
  /** The text of choice 0. */
  text: string;
  /** Every parsed JSON chunk, in order. */
  chunks: C[];
  /** Choice 0's finish reason (null if none arrived). */
  finishReason: FinishReason | null;
  /** Every choice, for n > 1. */
  choices: StreamChoice[];
  /** From the usage chunk (the last chunk with a non-null usage). */
  usage: Usage | undefined;
  /** How many chunks carried a non-null usage (OpenAI sends exactly one when include_usage is on). */
  usageChunkCount: number;
  /** Saw `data: [DONE]`. */
  doneReceived: boolean;
  /** Events that came after `[DONE]` (should be 0). */
  eventsAfterDone: number;
  /** The body ended in the middle of an event (discarded, as the SSE spec says). */
  incompleteEvent: boolean;
  /** Distinct chunk ids (OpenAI uses one per stream). */
  ids: string[];
  timings: StreamTimings;
  status: number;
  headers: Record<string, string>;
  attempts: number;
  evidence: HttpEvidence;
}

/** How a stream handle keeps what it reads. */
export interface StreamOptions {
  /**
   * Keep every parsed chunk for `result().chunks` and error evidence (default true). A load test, which
   * needs only times, content flags, usage and the finish reason, turns it off so that a long stream does
   * not hold hundreds of chunk objects until it ends.
   */
  keepChunks?: boolean;
}

/** A stream whose headers are in: iterate it (or `read` it) for events as they arrive, then read `result()`. */
export class StreamHandle<C extends AnyChunk = AnyChunk> implements AsyncIterable<StreamEvent<C>> {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly attempts: number;
  readonly startedAt: number;
  private readonly acc: StreamAccumulator<C>;
  private incompleteEvent = false;
  private started = false;

  constructor(
    private readonly ex: Exchange,
    options: StreamOptions = {},
  ) {
    this.status = ex.status;
    this.headers = ex.headers;
    this.attempts = ex.attempts;
    this.startedAt = ex.startedAt;
    this.acc = new StreamAccumulator<C>(options.keepChunks ?? true);
  }

  /** Yields chunks and `[DONE]`; throws TargetStreamError, TargetMalformedError or TargetTimeoutError. */
  async *[Symbol.asyncIterator](): AsyncGenerator<StreamEvent<C>> {
    this.start();
    const parser = new SseParser();
    try {
      for await (const { bytes, at } of this.ex.chunks()) {
        const atMs = at - this.startedAt;
        this.acc.bytes(atMs);
        for (const event of parser.push(bytes)) {
          const out = this.onEvent(event, atMs);
          if (out) yield out;
        }
      }
      this.ended(parser);
    } catch (err) {
      // Whatever breaks after [DONE] cannot take back a complete stream.
      if (!this.acc.doneReceived) throw this.decorate(err);
    } finally {
      this.acc.endMs ??= performance.now() - this.startedAt;
    }
  }

  /**
   * Reads the whole stream, handing each event to `onEvent` as soon as its bytes are parsed, in the
   * socket's own callback: the same events, times and errors as iterating, without an async-iterator hop
   * per chunk. An error thrown by `onEvent` stops the stream and is rethrown as it is.
   */
  async read(onEvent: (event: StreamEvent<C>) => void): Promise<void> {
    this.start();
    const parser = new SseParser();
    let atMs = 0;
    let theirs: { error: unknown } | undefined;
    const onSse = (event: SseEvent) => {
      const out = this.onEvent(event, atMs);
      if (!out) return;
      try {
        onEvent(out);
      } catch (error) {
        theirs = { error };
        throw error;
      }
    };
    try {
      await this.ex.read((bytes, at) => {
        atMs = at - this.startedAt;
        this.acc.bytes(atMs);
        parser.pushEach(bytes, onSse);
      });
      this.ended(parser);
    } catch (err) {
      if (theirs) throw theirs.error;
      if (!this.acc.doneReceived) throw this.decorate(err);
    } finally {
      this.acc.endMs ??= performance.now() - this.startedAt;
    }
  }

  /** The stream's times so far (complete once reading has finished), without building evidence. */
  timings(): StreamTimings {
    const acc = this.acc;
    return {
      startedAt: this.startedAt,
      headersMs: this.ex.headersAt - this.startedAt,
      ttfbMs: acc.ttfbMs,
      firstContentMs: acc.firstContentMs,
      contentChunkTimesMs: acc.contentChunkTimesMs,
      endMs: acc.endMs ?? performance.now() - this.startedAt,
    };
  }

  /** Reads the rest of the stream and returns the result. */
  async collect(): Promise<StreamResult<C>> {
    // Read to the end, not just to [DONE]: the body's end lets the keep-alive socket be reused.
    await this.read(ignore);
    return this.result();
  }

  /** Totals so far (complete once iteration has finished). */
  result(): StreamResult<C> {
    const acc = this.acc;
    return {
      text: acc.text,
      chunks: acc.chunks,
      finishReason: acc.finishReason,
      choices: [...acc.choices.values()].sort((a, b) => a.index - b.index),
      usage: acc.usage,
      usageChunkCount: acc.usageChunkCount,
      doneReceived: acc.doneReceived,
      eventsAfterDone: acc.eventsAfterDone,
      incompleteEvent: this.incompleteEvent,
      ids: [...acc.ids],
      timings: this.timings(),
      status: this.status,
      headers: this.headers,
      attempts: this.attempts,
      evidence: this.ex.evidence(),
    };
  }

  /** Request, response excerpt (the first ~2KB of the stream) and curl line, redacted. */
  evidence(): HttpEvidence {
    return this.ex.evidence();
  }

  /** Stops reading and frees the connection. */
  cancel(): void {
    this.ex.cancel();
  }

  private start(): void {
    if (this.started) throw new Error('a stream can be read only once');
    this.started = true;
  }

  /** The body has ended: an event cut short is discarded (and said), the end time kept. */
  private ended(parser: SseParser): void {
    parser.end();
    this.incompleteEvent = parser.pending;
    if (this.ex.endAt !== undefined) this.acc.endMs ??= this.ex.endAt - this.startedAt;
  }

  private onEvent(event: SseEvent, atMs: number): StreamEvent<C> | undefined {
    const acc = this.acc;
    if (acc.doneReceived) {
      acc.eventsAfterDone++;
      return undefined;
    }
    if (event.event === 'error') {
      throw this.streamError(
        'the server sent an SSE error event',
        event.data,
        parseApiError(tryJson(event.data)),
      );
    }
    if (event.data === '[DONE]') {
      acc.doneReceived = true;
      acc.endMs = atMs;
      this.ex.drain();
      return { type: 'done', atMs };
    }
    const json = tryJson(event.data);
    if (json === undefined) throw this.malformed('a stream event is not JSON', event.data);
    if (isObject(json) && json.error != null) {
      throw this.streamError('the server sent an error in the stream', event.data, json);
    }
    // The usage chunk of some servers has no `choices` at all; OpenAI sends `choices: []`.
    if (!isObject(json) || (json.choices !== undefined && !Array.isArray(json.choices))) {
      throw this.malformed('a stream chunk is not an object with a choices array', event.data);
    }
    const chunk = json as unknown as C;
    const hasContent = acc.fold(chunk, atMs);
    return { type: 'chunk', chunk, atMs, content: acc.lastContent, hasContent };
  }

  /** What arrived so far, secrets scrubbed: errors end up in reports and stored runs. */
  private received(): StreamReceived {
    return this.ex.redact({ text: this.acc.text, chunks: [...this.acc.chunks] });
  }

  private streamError(reason: string, data: string, json: unknown): TargetStreamError {
    return new TargetStreamError({
      ...this.ex.errorBase(),
      reason,
      errorData: this.ex.redact(data),
      apiError: parseApiError(this.ex.redact(json)),
      received: this.received(),
    });
  }

  private malformed(reason: string, data: string): TargetMalformedError {
    const err = this.ex.malformed(`${reason} (after ${this.acc.chunkCount} good chunks)`, data);
    err.received = this.received();
    return err;
  }

  /** Adds what arrived so far to an error; a connection lost mid-stream becomes a stream error. */
  private decorate(err: unknown): unknown {
    if (err instanceof TargetUnreachableError) {
      return new TargetStreamError({
        ...this.ex.errorBase(err),
        reason: err.reason,
        received: this.received(),
      });
    }
    if (err instanceof TargetError && err.received === undefined) err.received = this.received();
    return err;
  }
}

function ignore(): void {}
