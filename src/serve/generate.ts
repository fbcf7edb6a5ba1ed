/**
 * POST /v1/chat/completions and /v1/completions: validation, the request-level checks and faults in the
 * order a real deployment applies them, admission through the capacity model, then the answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, internalError, quoteInput, retryAfterHeader } from './api-error.js';
import { LONG_PROMPT_TOKENS } from './broken.js';
import type { ServerContext } from './context.js';
import { now, sleepUntil, untilAborted } from './engine/clock.js';
import { type ChoicePlan, planChoice } from './engine/plan.js';
import type { Release } from './engine/scheduler.js';
import { leakedStackTrace } from './insecure.js';
import { engineAnswerStream, engineAnswerWhole, renderPrompts } from './llama/answer.js';
import { parseWithCrashes } from './nonconformant.js';
import type { RequestRecord } from './recorder.js';
import { type Endpoint, type GenerationRequest, maxTokensFor, parseGenerationRequest } from './request.js';
import { newResponseId } from './responses.js';
import { type Answer, answerStream, answerWhole } from './timeline.js';

/** Route path of each endpoint, as metrics and records label it. */
export const endpointRoutes = { chat: '/v1/chat/completions', completion: '/v1/completions' } as const;

/** Handles one generation request from arrival to last byte. */
export async function handleGeneration(
  ctx: ServerContext,
  endpoint: Endpoint,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const arrival = now();
  const id = newResponseId(endpoint);
  const body = request.body as { stream?: unknown } | undefined;
  const record = ctx.recorder.start(id, endpointRoutes[endpoint], body?.stream === true, arrival);
  if (record) ctx.records.set(request, record);
  reply.header('x-request-id', id);
  // One controller per request, aborted by the client going away or by close(). Linked by hand rather
  // than with AbortSignal.any, whose followers a long-lived parent signal can keep alive under load.
  const aborter = new AbortController();
  const { signal } = aborter;
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) aborter.abort(new Error('client closed the connection'));
  });
  const onShutdown = () => aborter.abort(ctx.shutdown.signal.reason);
  if (ctx.shutdown.signal.aborted) onShutdown();
  else ctx.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
  let release: Release | undefined;
  ctx.inFlight++;
  try {
    if (ctx.broken.has('hang')) await untilAborted(signal);
    if (ctx.broken.has('chat-500') && endpoint === 'chat')
      throw internalError('Internal server error (broken mode chat-500).');
    const req = parseWithCrashes(ctx, request.body, () => parseGenerationRequest(endpoint, request.body));
    checkModel(ctx, req);
    // A real engine counts the prompt with its own tokenizer and chat template before the length check.
    const rendered = ctx.engine ? renderPrompts(ctx.engine, req, ctx.options.contextLength) : undefined;
    checkPrompts(ctx, req);
    const { addedLatencyMs, errorRate } = ctx.options.faults;
    if (addedLatencyMs > 0) await sleepUntil(arrival + addedLatencyMs, signal);
    if (errorRate > 0 && ctx.rng.faults.next() < errorRate)
      throw internalError('Internal server error (injected fault).');
    release = await admit(ctx, signal);
    if (record) record.admitted = now();
    const meta = {
      id,
      created: Math.floor(Date.now() / 1000),
      model: req.model,
      endpoint,
      includeUsage: req.stream && req.includeUsage,
      ...(ctx.engine ? { fingerprint: ctx.engine.info.fingerprint } : {}),
    };
    if (ctx.engine && rendered) {
      const engineAnswer = { meta, req, prompts: rendered, arrival, record };
      if (!req.stream) return await engineAnswerWhole(ctx, ctx.engine, engineAnswer, signal);
      const engine = ctx.engine;
      return await streamed(ctx, reply, record, () =>
        engineAnswerStream(ctx, engine, engineAnswer, () => reply.hijack().raw, signal),
      );
    }
    const answer: Answer = {
      meta,
      plans: plan(ctx, req),
      promptTokens: req.prompts.reduce((sum, p) => sum + p.tokens, 0),
      arrival,
      record,
    };
    if (!req.stream) return await answerWhole(ctx, answer, signal);
    return await streamed(ctx, reply, record, () =>
      answerStream(ctx, answer, () => reply.hijack().raw, signal),
    );
  } catch (err) {
    if (signal.aborted && record) record.aborted = ctx.shutdown.signal.aborted ? 'shutdown' : 'client';
    // A hijacked stream was already ended above; there is no one to tell.
    if (reply.sent) return reply;
    if (!signal.aborted) throw err;
    // Nobody may be listening any more, but a request must still end in a response.
    throw new ApiError(503, 'The server is shutting down or the client went away; retry the request.', {
      code: 'server_shutting_down',
      headers: retryAfterHeader(1),
    });
  } finally {
    ctx.shutdown.signal.removeEventListener('abort', onShutdown);
    release?.();
    ctx.inFlight--;
  }
}

/**
 * Runs a streaming answer. An aborted stream just ends: the client sees no [DONE], which is the truth.
 * (Fastify's onResponse hook still counts the request when the response finishes.)
 */
async function streamed(
  ctx: ServerContext,
  reply: FastifyReply,
  record: RequestRecord | undefined,
  stream: () => Promise<void>,
): Promise<FastifyReply> {
  try {
    await stream();
  } finally {
    if (reply.sent) {
      if (!reply.raw.writableEnded) reply.raw.end();
      ctx.recorder.finish(record, reply.raw.statusCode);
    }
  }
  return reply;
}

// The checks a deployment makes before it spends a slot on a request: the model first (cheap), then
// the prompts against the context.
function checkModel(ctx: ServerContext, req: GenerationRequest): void {
  const { models } = ctx.options;
  if (!models.includes(req.model)) {
    throw (
      leakedStackTrace(ctx, req.model) ??
      new ApiError(
        404,
        `The model ${quoteInput(req.model)} does not exist. Served models: ${models.join(', ')}.`,
        {
          param: 'model',
          code: 'model_not_found',
        },
      )
    );
  }
}

function checkPrompts(ctx: ServerContext, req: GenerationRequest): void {
  const { contextLength } = ctx.options;
  const where = req.endpoint === 'chat' ? 'messages' : 'prompt';
  for (const prompt of req.prompts) {
    if (ctx.broken.has('long-prompt-500') && prompt.tokens > LONG_PROMPT_TOKENS) {
      throw internalError('Internal server error (broken mode long-prompt-500).');
    }
    const wanted = req.maxTokens ?? 0;
    if (prompt.tokens + Math.max(wanted, 1) <= contextLength) continue;
    const message =
      req.maxTokens === undefined
        ? `This model's maximum context length is ${contextLength} tokens. However, your ${where} resulted in ` +
          `${prompt.tokens} tokens, leaving no room for the completion. Please reduce the length of the ${where}.`
        : `This model's maximum context length is ${contextLength} tokens. However, you requested ` +
          `${prompt.tokens + wanted} tokens (${prompt.tokens} in the ${where}, ${wanted} in the completion). ` +
          `Please reduce the length of the ${where} or completion.`;
    throw new ApiError(400, message, { param: where, code: 'context_length_exceeded' });
  }
}

async function admit(ctx: ServerContext, signal: AbortSignal): Promise<Release> {
  const waiting = ctx.scheduler.acquire(signal);
  if (waiting) return waiting;
  const { maxConcurrent, maxQueue } = ctx.scheduler;
  throw new ApiError(
    503,
    `The server is overloaded: ${maxConcurrent} requests are generating and ${maxQueue} are queued. Retry later.`,
    { code: 'server_overloaded', headers: retryAfterHeader(1) },
  );
}

// One plan per prompt and choice, in OpenAI's order (index = prompt * n + choice).
function plan(ctx: ServerContext, req: GenerationRequest): ChoicePlan[] {
  const entropy = Math.floor(ctx.rng.entropy.next() * 2 ** 32);
  const plans = req.prompts.flatMap((prompt) =>
    Array.from({ length: req.n }, (_, choiceIndex) =>
      planChoice({
        canonicalPrompt: prompt.canonical,
        instructionText: prompt.instructionText,
        choiceIndex,
        temperature: req.temperature,
        topP: req.topP,
        seed: req.seed,
        entropy,
        maxTokens: maxTokensFor(req, prompt, ctx.options.contextLength),
        explicitMaxTokens: req.maxTokens !== undefined,
        stop: req.stop,
        stream: req.stream,
        answers: ctx.answers,
        broken: ctx.broken,
      }),
    ),
  );
  if (!ctx.broken.has('batch-crosstalk')) return plans;
  // The defect: under concurrency, hand this request the previous request's answer.
  const previous = ctx.crosstalk.previous;
  ctx.crosstalk.previous = plans;
  if (!previous || ctx.inFlight < 2) return plans;
  return plans.map((_, i) => previous[i % previous.length] as ChoicePlan);
}
