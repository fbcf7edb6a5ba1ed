/**
 * Plays a planned answer out over time: time to first token, then one step per token, each delay drawn
 * from the latency model and stretched by how many sequences share the engine. Streaming writes each
 * SSE event with its own `write` at its step, so a client measures exactly the modelled timing.
 */
import type { ServerResponse } from 'node:http';
import type { ServerContext } from './context.js';
import { now, sleepUntil } from './engine/clock.js';
import { sampleMs } from './engine/latency.js';
import type { ChoicePlan } from './engine/plan.js';
import { chunkWithId } from './nonconformant.js';
import type { RequestRecord } from './recorder.js';
import {
  completionBody,
  finishChunk,
  type ResponseMeta,
  roleChunk,
  tokenChunk,
  usageChunk,
  usageOf,
  writeSseHead,
} from './responses.js';

/** A planned answer and what is needed to time and account for it. */
export interface Answer {
  meta: ResponseMeta;
  plans: ChoicePlan[];
  promptTokens: number;
  arrival: number;
  record: RequestRecord | undefined;
}

// Calls `onStep(step)` at each step's time. A request with no tokens still has one step: its end.
async function play(ctx: ServerContext, answer: Answer, signal: AbortSignal, onStep: (step: number) => void) {
  const { latency, faults } = ctx.options;
  const steps = Math.max(1, ...answer.plans.map((p) => p.tokens.length));
  const stallAt = faults.stallMs > 0 && steps > 1 ? Math.ceil(steps / 2) : -1;
  let at = now() + sampleMs(latency.ttft, ctx.rng.latency);
  for (let step = 0; step < steps; step++) {
    if (step > 0) at += sampleMs(latency.perToken, ctx.rng.latency) * ctx.scheduler.slowdown();
    if (step === stallAt) at += faults.stallMs;
    await sleepUntil(at, signal);
    if (step === 0) ctx.metrics.observeTtft((now() - answer.arrival) / 1000);
    onStep(step);
  }
}

function usage(ctx: ServerContext, answer: Answer) {
  const completion = answer.plans.reduce((sum, p) => sum + p.tokens.length, 0);
  ctx.metrics.countTokens(answer.promptTokens, completion);
  return usageOf(answer.promptTokens, completion, ctx.broken.has('bad-usage'));
}

/** Waits out the whole generation, then returns the non-streaming body. */
export async function answerWhole(ctx: ServerContext, answer: Answer, signal: AbortSignal): Promise<object> {
  await play(ctx, answer, signal, (step) => {
    const t = now();
    for (const plan of answer.plans) if (step < plan.tokens.length) answer.record?.tokenTimes.push(t);
  });
  const choices = answer.plans.map((p) => ({ text: p.tokens.join(''), finishReason: p.finishReason }));
  return completionBody(answer.meta, choices, usage(ctx, answer));
}

/**
 * Streams the answer as server-sent events. Headers go out with the first token, so added latency,
 * queueing and TTFT all delay the first byte, as on a real server. `takeOver` is called then, and only
 * then, to get the raw response: until that moment a failure can still be answered with an error status.
 */
export async function answerStream(
  ctx: ServerContext,
  answer: Answer,
  takeOver: () => ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const { meta, plans, record } = answer;
  let raw: ServerResponse | undefined;
  let sent = 0;
  const send = (event: object) => raw?.write(`data: ${JSON.stringify(chunkWithId(ctx, event, sent++))}\n\n`);
  await play(ctx, answer, signal, (step) => {
    if (step === 0) {
      raw = takeOver();
      writeSseHead(raw, meta.id);
      if (meta.endpoint === 'chat') for (const [i] of plans.entries()) send(roleChunk(meta, i));
    }
    for (const [i, plan] of plans.entries()) {
      const token = plan.tokens[step];
      if (token !== undefined) {
        send(tokenChunk(meta, i, token));
        record?.tokenTimes.push(now());
      }
      // A choice ends right after its last token; one without tokens ends at the first step.
      if (step === Math.max(0, plan.tokens.length - 1)) send(finishChunk(meta, i, plan.finishReason));
    }
  });
  if (meta.includeUsage) {
    const u = usage(ctx, answer);
    send(usageChunk(meta, u));
    if (ctx.broken.has('double-usage')) send(usageChunk(meta, u));
  } else {
    usage(ctx, answer);
  }
  if (!ctx.broken.has('no-done')) raw?.write('data: [DONE]\n\n');
  raw?.end();
}
