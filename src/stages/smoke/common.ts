/** Shared pieces of the smoke checks: request bodies, usage arithmetic, and turning problems into outcomes. */
import type { Evidence } from '../../run/events.js';
import type { ChatCompletionRequest, CompletionRequest, Usage } from '../../target/index.js';
import type { CheckOutcome, StageContext } from '../types.js';

export type SmokeContext = StageContext<'smoke'>;

/** finish_reason values the OpenAI API defines. */
export const VALID_FINISH = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/** A one-message chat request at temperature 0 (so answers are comparable). */
export function chatBody(
  ctx: SmokeContext,
  prompt: string,
  maxTokens: number,
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest {
  return {
    model: ctx.target.model,
    messages: [{ role: 'user', content: prompt }],
    max_tokens: maxTokens,
    temperature: 0,
    ...extra,
  };
}

/** A text-completion request at temperature 0. */
export function completionBody(
  ctx: SmokeContext,
  prompt: string,
  maxTokens: number,
  extra: Partial<CompletionRequest> = {},
): CompletionRequest {
  return { model: ctx.target.model, prompt, max_tokens: maxTokens, temperature: 0, ...extra };
}

/** What is wrong with a usage block, if anything: present, whole numbers, prompt + completion = total. */
export function usageProblems(usage: Usage | undefined | null, expectCompletion: boolean): string[] {
  if (!usage) return ['no `usage` in the response'];
  const { prompt_tokens: p, completion_tokens: c, total_tokens: t } = usage;
  const problems: string[] = [];
  for (const [name, v] of [
    ['prompt_tokens', p],
    ['completion_tokens', c],
    ['total_tokens', t],
  ] as const) {
    if (!Number.isInteger(v) || (v as number) < 0)
      problems.push(`usage.${name} is ${JSON.stringify(v)}, not a whole number`);
  }
  if (problems.length > 0) return problems;
  if (p === 0) problems.push('usage.prompt_tokens is 0 for a non-empty prompt');
  if (expectCompletion && c === 0) problems.push('usage.completion_tokens is 0 although text came back');
  if (p + c !== t)
    problems.push(
      `usage does not add up: prompt_tokens ${p} + completion_tokens ${c} = ${p + c}, but total_tokens is ${t}`,
    );
  return problems;
}

/** The first characters of a model's text, for messages. */
export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** Problems become a failing outcome with each problem on its own line; none is a pass. */
export function judge(
  problems: string[],
  passMessage: string,
  extra: { evidence?: Evidence; metrics?: Record<string, number> } = {},
): CheckOutcome {
  if (problems.length === 0) return { status: 'pass', message: passMessage, ...extra };
  const head =
    problems.length === 1 ? (problems[0] as string) : `${problems.length} problems: ${problems.join('; ')}`;
  return { status: 'fail', message: head, ...extra };
}

/** Where two texts first differ, for determinism and stream/non-stream evidence. */
export function firstDifference(a: string, b: string): { index: number; a: string; b: string } | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { index: i, a: a.slice(Math.max(0, i - 20), i + 40), b: b.slice(Math.max(0, i - 20), i + 40) };
}
