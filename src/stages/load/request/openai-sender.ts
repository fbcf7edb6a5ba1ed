/**
 * The sender for OpenAI-compatible targets. Streams are read event by event so every content chunk is
 * timed when its bytes arrived (the client stamps them before parsing); nothing is retried, because a
 * retry would hide the very failure a load test is there to count.
 */
import { performance } from 'node:perf_hooks';
import type {
  CallOptions,
  ChatCompletionRequest,
  CompletionRequest,
  OpenAIClient,
  StreamHandle,
  Usage,
} from '../../../target/index.js';
import type { LoadRequest, RequestOutcome, Sender } from '../types.js';
import { classifyError, type OutcomeError } from './classify.js';

const KEEP_NO_CHUNKS = { keepChunks: false } as const;

export interface OpenAISenderOptions {
  endpoint: 'chat' | 'completions';
  stream: boolean;
  /** The whole request, first byte to last; past it the outcome is a `timeout` error. */
  timeoutMs: number;
}

/** A Sender that posts each request's body to the chat or completions endpoint of `client`. */
export function createOpenAISender(client: OpenAIClient, opts: OpenAISenderOptions): Sender {
  const callOptions = (signal: AbortSignal): CallOptions => ({
    signal,
    retry: { maxRetries: 0 },
    timeouts: { totalMs: opts.timeoutMs },
  });
  if (opts.stream)
    return (req, signal) => sendStream(client, opts.endpoint, req, signal, callOptions(signal));
  return (req, signal) => sendWhole(client, opts.endpoint, req, signal, callOptions(signal));
}

async function sendStream(
  client: OpenAIClient,
  endpoint: 'chat' | 'completions',
  req: LoadRequest,
  signal: AbortSignal,
  call: CallOptions,
): Promise<RequestOutcome> {
  const before = performance.now();
  let handle: StreamHandle | undefined;
  const itlMs: number[] = [];
  let firstContent: number | undefined;
  let lastContent: number | undefined;
  let contentChunks = 0;
  let usage: Usage | undefined;
  let chunkId: string | undefined;
  let done = false;
  let error: OutcomeError | undefined;
  try {
    // Only times, content flags, usage and ids are needed here: the handle need not keep every chunk.
    handle =
      endpoint === 'chat'
        ? await client.streamEvents(
            'chat',
            req.body as unknown as ChatCompletionRequest,
            call,
            KEEP_NO_CHUNKS,
          )
        : await client.streamEvents(
            'completions',
            req.body as unknown as CompletionRequest,
            call,
            KEEP_NO_CHUNKS,
          );
    // Read to the body's end, past [DONE], so the keep-alive socket is reused. Events arrive in the
    // socket's callback, so no async-iterator hop sits between a chunk's bytes and its handling.
    await handle.read((event) => {
      if (event.type === 'done') {
        done = true;
        return;
      }
      const { chunk } = event;
      if (chunk.usage != null) usage = chunk.usage;
      if (chunkId === undefined && typeof chunk.id === 'string') chunkId = chunk.id;
      if (!event.hasContent) return;
      contentChunks++;
      if (lastContent === undefined) firstContent = event.atMs;
      else itlMs.push(event.atMs - lastContent);
      lastContent = event.atMs;
    });
    if (!done) {
      error = {
        class: 'truncated',
        message: `the stream ended without data: [DONE] after ${contentChunks} content chunks`,
      };
    }
  } catch (err) {
    error = classifyError(err, signal);
  }
  const sentAt = handle?.startedAt ?? before;
  // The handle's own times: first body byte and end of stream, on the same clock as every chunk's atMs.
  // timings(), not result(): result() also builds the evidence (~7us a request), which is not needed here.
  const timings = handle?.timings();
  const completion = usage?.completion_tokens;
  const hasUsage = typeof completion === 'number';
  return {
    index: req.index,
    sentAt,
    sentAtEpochMs: performance.timeOrigin + sentAt,
    ok: error === undefined,
    status: handle?.status ?? error?.status,
    error,
    ttfbMs: timings?.ttfbMs,
    ttftMs: firstContent,
    e2eMs: lastContent,
    e2eCloseMs: timings?.endMs,
    itlMs,
    contentChunks,
    outputTokens: hasUsage ? completion : handle ? contentChunks : undefined,
    outputTokensSource: hasUsage ? 'usage' : handle ? 'chunks' : 'none',
    tokenCountMismatch: hasUsage ? completion - contentChunks : undefined,
    promptTokens: usage?.prompt_tokens,
    requestId: handle?.headers['x-request-id'] ?? chunkId,
  };
}

async function sendWhole(
  client: OpenAIClient,
  endpoint: 'chat' | 'completions',
  req: LoadRequest,
  signal: AbortSignal,
  call: CallOptions,
): Promise<RequestOutcome> {
  const before = performance.now();
  try {
    const res =
      endpoint === 'chat'
        ? await client.chat(req.body as unknown as ChatCompletionRequest, call)
        : await client.completions(req.body as unknown as CompletionRequest, call);
    const { timings, data } = res;
    const completion = data.usage?.completion_tokens;
    const hasUsage = typeof completion === 'number';
    return {
      index: req.index,
      sentAt: timings.startedAt,
      sentAtEpochMs: performance.timeOrigin + timings.startedAt,
      ok: true,
      status: res.status,
      error: undefined,
      ttfbMs: timings.ttfbMs,
      ttftMs: undefined,
      e2eMs: timings.endMs,
      e2eCloseMs: timings.endMs,
      itlMs: [],
      contentChunks: 0,
      outputTokens: hasUsage ? completion : undefined,
      outputTokensSource: hasUsage ? 'usage' : 'none',
      tokenCountMismatch: undefined,
      promptTokens: data.usage?.prompt_tokens,
      requestId: res.headers['x-request-id'] ?? (typeof data.id === 'string' ? data.id : undefined),
    };
  } catch (err) {
    const error = classifyError(err, signal);
    return {
      index: req.index,
      sentAt: before,
      sentAtEpochMs: performance.timeOrigin + before,
      ok: false,
      status: error.status,
      error,
      itlMs: [],
      contentChunks: 0,
      outputTokensSource: 'none',
    };
  }
}
