/**
 * Answers a request with the llama engine: the same response bodies and SSE chunks as the simulated
 * engine (responses.ts), but the text, its timing and the token counts come from llama.cpp. Each text
 * piece is written as soon as the engine yields it; headers go out with the first one, so queueing and
 * prompt processing delay the first byte as on a real server.
 */
import type { ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';
import { now } from '../engine/clock.js';
import type { FinishReason } from '../engine/plan.js';
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
} from '../responses.js';
import type { LlamaEngine, RenderedPrompt } from './engine.js';

/** Tokenizes every prompt with the model (so usage and the context-length check use real counts). */
export function renderPrompts(engine: LlamaEngine, req: GenerationRequest): RenderedPrompt[] {
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

// Choices of one request are generated one after another on the request's slot; a seed gives each choice
// its own stream (seed + index), so n seeded choices differ from each other but not between runs.
async function* run(engine: LlamaEngine, a: EngineAnswer, choice: ChoiceRun, signal: AbortSignal) {
  const { req } = a;
  return yield* engine.generate(
    choice.prompt,
    {
      maxTokens: choice.maxTokens,
      temperature: req.temperature,
      topP: req.topP,
      seed: req.seed === undefined ? undefined : req.seed + choice.index,
      stop: req.stop,
    },
    signal,
  );
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
    const gen = run(engine, a, choice, signal);
    let text = '';
    for (;;) {
      const step = await gen.next();
      if (step.done) {
        done[choice.index] = { text, finishReason: step.value.finishReason };
        completion += step.value.completionTokens;
        break;
      }
      if (first) ctx.metrics.observeTtft((now() - a.arrival) / 1000);
      first = false;
      a.record?.tokenTimes.push(now());
      text += step.value;
    }
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
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': meta.id,
    });
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
    const gen = run(engine, a, choice, signal);
    for (;;) {
      const step = await gen.next();
      if (step.done) {
        sendRole();
        send(finishChunk(meta, choice.index, step.value.finishReason));
        completion += step.value.completionTokens;
        break;
      }
      sendRole();
      send(tokenChunk(meta, choice.index, step.value));
      a.record?.tokenTimes.push(now());
    }
  }
  const usage = usageOf(promptTokens(a), completion);
  ctx.metrics.countTokens(usage.prompt_tokens, usage.completion_tokens);
  if (meta.includeUsage) send(usageChunk(meta, usage));
  open().write('data: [DONE]\n\n');
  open().end();
}
