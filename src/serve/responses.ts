/**
 * The exact OpenAI response shapes: `chat.completion` / `text_completion` bodies and their streaming
 * chunks. Kept apart from the timing code so the shapes can be read (and diffed with OpenAI) in one place.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FinishReason } from './engine/plan.js';
import type { Endpoint } from './request.js';

/** Token counts as OpenAI reports them. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** What every body and chunk of one response shares. */
export interface ResponseMeta {
  id: string;
  created: number;
  model: string;
  endpoint: Endpoint;
  /** With `stream_options.include_usage`, every chunk carries `usage: null` until the usage chunk. */
  includeUsage: boolean;
  /** `system_fingerprint` of chat responses: which engine (and for llama, which model file) answered. */
  fingerprint?: string;
}

const SIM_FINGERPRINT = 'fp_gauntlet_sim';

/** A fresh response id: `chatcmpl-…` for chat, `cmpl-…` for completions. */
export function newResponseId(endpoint: Endpoint): string {
  const suffix = randomBytes(18).toString('base64url').replace(/[-_]/g, 'x');
  return `${endpoint === 'chat' ? 'chatcmpl' : 'cmpl'}-${suffix}`;
}

/** Usage for the given counts; `broken` makes total_tokens wrong on purpose (`bad-usage`). */
export function usageOf(prompt: number, completion: number, broken = false): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion + (broken ? 1 : 0),
  };
}

/** The non-streaming response body. */
export function completionBody(
  meta: ResponseMeta,
  choices: readonly { text: string; finishReason: FinishReason }[],
  usage: Usage,
): object {
  const common = { id: meta.id, object: '', created: meta.created, model: meta.model };
  if (meta.endpoint === 'chat') {
    return {
      ...common,
      object: 'chat.completion',
      system_fingerprint: meta.fingerprint ?? SIM_FINGERPRINT,
      choices: choices.map((c, index) => ({
        index,
        message: { role: 'assistant', content: c.text },
        logprobs: null,
        finish_reason: c.finishReason,
      })),
      usage,
    };
  }
  return {
    ...common,
    object: 'text_completion',
    choices: choices.map((c, index) => ({
      text: c.text,
      index,
      logprobs: null,
      finish_reason: c.finishReason,
    })),
    usage,
  };
}

type ChoiceDelta = { role?: 'assistant'; content?: string; text?: string };

function chunk(meta: ResponseMeta, choices: object[]): object {
  const base = {
    id: meta.id,
    object: meta.endpoint === 'chat' ? 'chat.completion.chunk' : 'text_completion',
    created: meta.created,
    model: meta.model,
    ...(meta.endpoint === 'chat' ? { system_fingerprint: meta.fingerprint ?? SIM_FINGERPRINT } : {}),
    choices,
  };
  return meta.includeUsage ? { ...base, usage: null } : base;
}

function choice(
  meta: ResponseMeta,
  index: number,
  delta: ChoiceDelta,
  finishReason: FinishReason | null,
): object {
  if (meta.endpoint === 'chat') {
    const { text: _text, ...chatDelta } = delta;
    return { index, delta: chatDelta, logprobs: null, finish_reason: finishReason };
  }
  return { text: delta.text ?? '', index, logprobs: null, finish_reason: finishReason };
}

/** The first chat chunk of a choice: the role, with empty content. */
export function roleChunk(meta: ResponseMeta, index: number): object {
  return chunk(meta, [choice(meta, index, { role: 'assistant', content: '' }, null)]);
}

/** One token of one choice. */
export function tokenChunk(meta: ResponseMeta, index: number, token: string): object {
  const delta = meta.endpoint === 'chat' ? { content: token } : { text: token };
  return chunk(meta, [choice(meta, index, delta, null)]);
}

/** The chunk that ends a choice: empty delta, the finish reason. */
export function finishChunk(meta: ResponseMeta, index: number, finishReason: FinishReason): object {
  return chunk(meta, [choice(meta, index, {}, finishReason)]);
}

/** The usage chunk sent after every choice finished, when the client asked for it. */
export function usageChunk(meta: ResponseMeta, usage: Usage): object {
  return { ...(chunk({ ...meta, includeUsage: false }, []) as Record<string, unknown>), usage };
}

/** Starts a server-sent events response (both engines: the same headers, the request id echoed). */
export function writeSseHead(raw: ServerResponse, id: string): void {
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': id,
  });
}
