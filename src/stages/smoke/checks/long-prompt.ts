/**
 * long_prompt: a prompt near the context length gets an answer or a clean 4xx, never a 5xx or a hang.
 * We cannot know the target's tokenizer, so the prompt is built from common short words that are one token
 * in every mainstream vocabulary; its size is approximate by design.
 */
import type { SmokeChecks } from '../../../config/stages/smoke.js';
import { TargetHttpError, TargetTimeoutError } from '../../../target/index.js';
import type { CheckOutcome } from '../../types.js';
import { chatBody, excerpt, type SmokeContext } from '../common.js';

const WORDS = [
  'the',
  'cat',
  'sat',
  'on',
  'a',
  'mat',
  'and',
  'then',
  'it',
  'ran',
  'to',
  'the',
  'door',
  'as',
  'rain',
  'fell',
];

/** Builds a prompt of about `tokens` tokens. */
export function longPrompt(tokens: number): string {
  const head = 'Summarise the following text in one sentence.\n\n';
  const words: string[] = [];
  for (let i = 0; words.length < tokens - 12; i++) words.push(WORDS[i % WORDS.length] as string);
  return head + words.join(' ');
}

/** Sends the long prompt with retries off (a retried 5xx would hide the failure) and judges the response. */
export async function longPromptCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['long_prompt']>,
): Promise<CheckOutcome> {
  const contextLength = ctx.target.info.contextLength;
  const tokens = opts.tokens ?? (contextLength ? Math.floor(contextLength * 0.9) : 3000);
  const source = opts.tokens
    ? 'as configured'
    : contextLength
      ? `90% of the reported context length ${contextLength}`
      : 'default; the target reports no context length';
  const body = chatBody(ctx, longPrompt(tokens), opts.maxTokens);
  const callOpts = {
    signal: ctx.signal,
    retry: { maxRetries: 0 },
    // The limit is on the first byte (prefill of a huge prompt); the whole answer gets twice as long.
    timeouts: { firstByteMs: opts.timeout, totalMs: opts.timeout * 2 },
  };
  try {
    const res = await ctx.target.client.chat(body, callOpts);
    const text = res.data.choices?.[0]?.message?.content ?? '';
    return {
      status: 'pass',
      message: `a ~${tokens}-token prompt (${source}) was answered in ${Math.round(res.timings.endMs)} ms: ${excerpt(text, 60)}`,
      evidence: withoutBody(res.evidence),
      metrics: { prompt_tokens: res.data.usage?.prompt_tokens ?? tokens, latency_ms: res.timings.endMs },
    };
  } catch (err) {
    if (err instanceof TargetHttpError && err.status >= 400 && err.status < 500) {
      return {
        status: 'pass',
        message: `a ~${tokens}-token prompt (${source}) was rejected cleanly with ${err.status}: ${err.apiError?.message ?? excerpt(err.excerpt, 100)}`,
        ...(err.evidence ? { evidence: withoutBody(err.evidence) } : {}),
      };
    }
    if (err instanceof TargetHttpError) {
      return {
        status: 'fail',
        message: `a ~${tokens}-token prompt (${source}) got ${err.status}, a server error; a prompt that is too long must get a 4xx (e.g. 400 context_length_exceeded) or an answer`,
        ...(err.evidence ? { evidence: withoutBody(err.evidence) } : {}),
      };
    }
    if (err instanceof TargetTimeoutError) {
      return {
        status: 'fail',
        message: `a ~${tokens}-token prompt (${source}) hung: no ${err.phase === 'firstByte' ? 'first byte' : 'answer'} within ${Math.round(err.limitMs / 1000)} s (long_prompt.timeout)`,
        ...(err.evidence ? { evidence: withoutBody(err.evidence) } : {}),
      };
    }
    throw err;
  }
}

/** The prompt is thousands of words: keep its size, not its text, in the evidence. */
function withoutBody<T extends { request?: { body?: unknown } }>(e: T): T {
  if (!e.request) return e;
  return { ...e, request: { ...e.request, body: { note: 'long prompt omitted', ...pick(e.request.body) } } };
}

function pick(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const { messages: _m, prompt: _p, ...rest } = body as Record<string, unknown>;
  return rest;
}
