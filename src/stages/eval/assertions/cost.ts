/** Cost assertions: latency of the request, and tokens the answer used (server usage, else an estimate). */
import { estimateTokens } from '../../../metrics/text/index.js';
import type { AssertionContext, AssertionHandler } from '../types.js';
import { fmt, type Of, outcome } from './result.js';

/** The request took at most `max` milliseconds. */
export const latency: AssertionHandler<Of<'latency'>> = (a, _output, ctx) => {
  const ms = ctx.output.latencyMs;
  const pass = ms <= a.max;
  const cached = ctx.output.cached ? ' (cached response: the latency of the original request)' : '';
  return outcome(
    a,
    pass,
    pass ? 1 : 0,
    `latency ${fmt(ms)}ms ${pass ? '<=' : '>'} ${fmt(a.max)}ms${cached}`,
    {
      latencyMs: ms,
    },
  );
};

/** The answer cost at most `max` completion (or total) tokens. */
export const tokens: AssertionHandler<Of<'tokens'>> = (a, output, ctx) => {
  const { count, estimated } = a.count === 'total' ? totalTokens(output, ctx) : completionTokens(output, ctx);
  const pass = count <= a.max;
  const how = estimated ? ' (estimated: the server sent no usage)' : '';
  return outcome(a, pass, pass ? 1 : 0, `${a.count} tokens ${count} ${pass ? '<=' : '>'} ${a.max}${how}`, {
    tokens: count,
    estimated,
  });
};

/**
 * Completion tokens of `output`: the server's count when it reported one for this very text, else an
 * estimate (an assertion may be handed an extracted part of the answer, which usage does not describe).
 */
export function completionTokens(
  output: string,
  ctx: AssertionContext,
): { count: number; estimated: boolean } {
  const usage = ctx.output.usage;
  if (usage && output === ctx.output.text) return { count: usage.completion_tokens, estimated: false };
  return { count: estimateTokens(output), estimated: true };
}

function totalTokens(output: string, ctx: AssertionContext): { count: number; estimated: boolean } {
  const usage = ctx.output.usage;
  if (usage && output === ctx.output.text) return { count: usage.total_tokens, estimated: false };
  return { count: estimateTokens(ctx.prompt) + estimateTokens(output), estimated: true };
}
