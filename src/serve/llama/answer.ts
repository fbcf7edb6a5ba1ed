/**
 * Answers a request with the llama engine: the same response bodies and SSE chunks as the simulated
 * engine (responses.ts), but the text, its timing and the token counts come from llama.cpp. Each text
 * piece is written as soon as the engine yields it; headers go out with the first one, so queueing and
 * prompt processing delay the first byte as on a real server.
 */
import { randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ApiError } from '../api-error.js';
import type { ServerContext } from '../context.js';
import { now } from '../engine/clock.js';
import type { FinishReason } from '../engine/plan.js';
import { hashSeed } from '../engine/prng.js';
import type { RequestRecord } from '../recorder.js';
import { type GenerationRequest, maxTokensFor } from '../request.js';
import {
  completionBody,
  finishChunk,
  type ResponseMeta,
  roleChunk,
  tokenChunk,
  usageChunk,
  usageOf,
  writeSseHead,
} from '../responses.js';
import type { GenerationEnd, LlamaEngine, RenderedPrompt } from './engine.js';

/**
 * No tokenizer packs more than this many characters into one token: a prompt longer than this many times
 * the context cannot fit, and is refused before tokenizing it (tokenizing megabytes blocks the server).
 */
const MAX_CHARS_PER_TOKEN = 256;

/** Tokenizes every prompt with the model (so usage and the context-length check use real counts). */
export function renderPrompts(
  engine: LlamaEngine,
  req: GenerationRequest,
  contextLength: number,
): RenderedPrompt[] {
  const where = req.endpoint === 'chat' ? 'messages' : 'prompt';
  for (const p of req.prompts) {
    const chars =
      'text' in p.input ? p.input.text.length : p.input.messages.reduce((n, m) => n + m.content.length, 0);
    if (chars > MAX_CHARS_PER_TOKEN * contextLength) {
      throw new ApiError(
        400,
        `This model's maximum context length is ${contextLength} tokens. However, your ${where} has ${chars} characters, more than ${contextLength} tokens can hold. Please reduce the length of the ${where}.`,
        { param: where, code: 'context_length_exceeded' },
      );
    }
  }
  return req.prompts.map((p) => {
    const rendered = engine.render(p.input);
    p.tokens = rendered.tokens.length;
    return rendered;
  });
}

/** One generated choice, in OpenAI's order (index = prompt * n + choice). */
interface ChoiceRun {
  index: number;
  prompt: RenderedPrompt;
  maxTokens: number;
}

/** What answering needs besides the engine. */
export interface EngineAnswer {
  meta: ResponseMeta;
  req: GenerationRequest;
  prompts: RenderedPrompt[];
  arrival: number;
  record: RequestRecord | undefined;
}

function choices(ctx: ServerContext, a: EngineAnswer): ChoiceRun[] {
  return a.req.prompts.flatMap((p, i) =>
    Array.from({ length: a.req.n }, (_, c) => ({
      index: i * a.req.n + c,
      prompt: a.prompts[i] as RenderedPrompt,
      maxTokens: maxTokensFor(a.req, p, ctx.options.contextLength),
    })),
  );
}

/**
 * llama.cpp's sampler seed for a choice. A request's seed is any safe integer and llama.cpp takes an
 * unsigned 32-bit one (all negatives acting as 0, 2^32 - 1 meaning random), so the seed and the choice
 * index are hashed into 0 .. 2^32 - 2: each seeded choice has its own stream, the same on every run.
 * Without a seed, a fresh one per request, as on any server (node-llama-cpp's default repeated itself).
 */
export function samplerSeed(seed: number | undefined, choiceIndex: number): number {
  return seed === undefined ? randomInt(0xffffffff) : hashSeed('llama-seed', seed, choiceIndex) % 0xffffffff;
}

// Choices of one request are generated one after another on the request's slot.
function run(engine: LlamaEngine, a: EngineAnswer, choice: ChoiceRun, signal: AbortSignal) {
  const { req } = a;
  return engine.generate(
    choice.prompt,
    {
      maxTokens: choice.maxTokens,
      temperature: req.temperature,
      topP: req.topP,
      topK: req.topK,
      seed: samplerSeed(req.seed, choice.index),
      stop: req.stop,
    },
    signal,
  );
}

/**
 * Consumes one choice: `onText` for each piece, then its end. The generator is always closed, so its
 * sequence goes back to the context even when a consumer throws.
 */
async function consume(gen: ReturnType<typeof run>, onText: (text: string) => void): Promise<GenerationEnd> {
  try {
    for (;;) {
      const step = await gen.next();
      if (step.done) return step.value;
      onText(step.value);
    }
  } finally {
    await gen.return({ finishReason: 'stop', completionTokens: 0 });
  }
}

function promptTokens(a: EngineAnswer): number {
  return a.prompts.reduce((sum, p) => sum + p.tokens.length, 0);
}

/** Generates every choice, then returns the non-streaming body. */
export async function engineAnswerWhole(
  ctx: ServerContext,
  engine: LlamaEngine,
  a: EngineAnswer,
  signal: AbortSignal,
): Promise<object> {
  const done: { text: string; finishReason: FinishReason }[] = [];
  let completion = 0;
  let first = true;
  for (const choice of choices(ctx, a)) {
    let text = '';
    const end = await consume(run(engine, a, choice, signal), (piece) => {
      if (first) ctx.metrics.observeTtft((now() - a.arrival) / 1000);
      first = false;
      a.record?.tokenTimes.push(now());
      text += piece;
    });
    done[choice.index] = { text, finishReason: end.finishReason };
    completion += end.completionTokens;
  }
  ctx.metrics.countTokens(promptTokens(a), completion);
  return completionBody(a.meta, done, usageOf(promptTokens(a), completion));
}

/** Streams every choice as server-sent events, with usage last when the client asked for it. */
export async function engineAnswerStream(
  ctx: ServerContext,
  engine: LlamaEngine,
  a: EngineAnswer,
  takeOver: () => ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const { meta } = a;
  let raw: ServerResponse | undefined;
  const open = () => {
    if (raw) return raw;
    raw = takeOver();
    writeSseHead(raw, meta.id);
    ctx.metrics.observeTtft((now() - a.arrival) / 1000);
    return raw;
  };
  const send = (event: object) => open().write(`data: ${JSON.stringify(event)}\n\n`);
  let completion = 0;
  for (const choice of choices(ctx, a)) {
    // The role chunk goes out with the choice's first token, so the first byte waits for real output.
    let roleSent = meta.endpoint !== 'chat';
    const sendRole = () => {
      if (!roleSent) send(roleChunk(meta, choice.index));
      roleSent = true;
    };
    const end = await consume(run(engine, a, choice, signal), (piece) => {
      sendRole();
      send(tokenChunk(meta, choice.index, piece));
      a.record?.tokenTimes.push(now());
    });
    sendRole();
    send(finishChunk(meta, choice.index, end.finishReason));
    completion += end.completionTokens;
  }
  const usage = usageOf(promptTokens(a), completion);
  ctx.metrics.countTokens(usage.prompt_tokens, usage.completion_tokens);
  if (meta.includeUsage) send(usageChunk(meta, usage));
  open().write('data: [DONE]\n\n');
  open().end();
}
