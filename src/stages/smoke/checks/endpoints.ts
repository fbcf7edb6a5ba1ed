/** models, basic, chat, completions: the model is there and each endpoint answers in the OpenAI shape. */
import type { SmokeChecks } from '../../../config/stages/smoke.js';
import type { HttpEvidence } from '../../../run/events.js';
import type { CheckOutcome } from '../../types.js';
import {
  chatBody,
  completionBody,
  excerpt,
  judge,
  type SmokeContext,
  usageProblems,
  VALID_FINISH,
} from '../common.js';

/** The configured model is listed by GET /models. */
export async function modelsCheck(ctx: SmokeContext): Promise<CheckOutcome> {
  const res = await ctx.target.client.listModels({ signal: ctx.signal });
  const ids = (res.data.data ?? []).map((m) => m.id);
  return judge(
    ids.includes(ctx.target.model)
      ? []
      : [
          `model "${ctx.target.model}" is not listed by GET /models; the server lists ${ids.length ? ids.map((i) => `"${i}"`).join(', ') : 'no models'}. Check target.model`,
        ],
    `model "${ctx.target.model}" is listed (${ids.length} model${ids.length === 1 ? '' : 's'} served)`,
    { evidence: { ...res.evidence, details: { models: ids } } },
  );
}

/** Each prompt gets a non-empty answer, a valid finish_reason and consistent usage. */
export async function basicCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['basic']>,
): Promise<CheckOutcome> {
  const problems: string[] = [];
  const answers: { prompt: string; answer: string; finishReason: unknown; usage: unknown }[] = [];
  let evidence: HttpEvidence | undefined;
  let failed = false;
  for (const [i, prompt] of opts.prompts.entries()) {
    const label = `prompt ${i + 1}`;
    const res =
      opts.endpoint === 'chat'
        ? await ctx.target.client.chat(chatBody(ctx, prompt, opts.maxTokens), { signal: ctx.signal })
        : await ctx.target.client.completions(completionBody(ctx, prompt, opts.maxTokens), {
            signal: ctx.signal,
          });
    ctx.metric('smoke.latency_ms', 'trend', res.timings.endMs, { check: 'basic' });
    const choice = res.data.choices?.[0];
    const text = choice ? ('message' in choice ? (choice.message?.content ?? '') : (choice.text ?? '')) : '';
    const before = problems.length;
    if (!choice) problems.push(`${label}: no choices in the response`);
    else if (typeof text !== 'string' || text.trim() === '') problems.push(`${label}: empty answer`);
    if (choice && !VALID_FINISH.has(String(choice.finish_reason))) {
      problems.push(
        `${label}: finish_reason ${JSON.stringify(choice.finish_reason)} is not one of ${[...VALID_FINISH].join(', ')}`,
      );
    }
    problems.push(...usageProblems(res.data.usage, Boolean(text)).map((p) => `${label}: ${p}`));
    answers.push({
      prompt,
      answer: String(text).slice(0, 300),
      finishReason: choice?.finish_reason,
      usage: res.data.usage,
    });
    // Keep the first failing exchange as evidence; the first exchange when all is well.
    if (i === 0 || (problems.length > before && !failed)) evidence = res.evidence;
    if (problems.length > before) failed = true;
  }
  return judge(
    problems,
    `${opts.prompts.length} prompt${opts.prompts.length === 1 ? '' : 's'} answered with valid finish_reason and usage`,
    {
      evidence: { ...evidence, details: { answers } },
    },
  );
}

/** POST /chat/completions answers in the chat shape. */
export async function chatCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['chat']>,
): Promise<CheckOutcome> {
  const res = await ctx.target.client.chat(chatBody(ctx, opts.prompt, opts.maxTokens), {
    signal: ctx.signal,
  });
  ctx.metric('smoke.latency_ms', 'trend', res.timings.endMs, { check: 'chat' });
  const d = res.data;
  const msg = d.choices?.[0]?.message;
  const problems: string[] = [];
  if (d.object !== 'chat.completion')
    problems.push(`object is ${JSON.stringify(d.object)}, expected "chat.completion"`);
  if (!msg) problems.push('choices[0].message is missing');
  else {
    if (msg.role !== 'assistant')
      problems.push(`message.role is ${JSON.stringify(msg.role)}, expected "assistant"`);
    if (typeof msg.content !== 'string' || msg.content.trim() === '')
      problems.push('message.content is empty');
  }
  return judge(
    problems,
    `chat answered in ${Math.round(res.timings.endMs)} ms: ${excerpt(msg?.content ?? '')}`,
    {
      evidence: res.evidence,
      metrics: { latency_ms: res.timings.endMs },
    },
  );
}

/** POST /completions answers in the text-completion shape. */
export async function completionsCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['completions']>,
): Promise<CheckOutcome> {
  const res = await ctx.target.client.completions(completionBody(ctx, opts.prompt, opts.maxTokens), {
    signal: ctx.signal,
  });
  ctx.metric('smoke.latency_ms', 'trend', res.timings.endMs, { check: 'completions' });
  const d = res.data;
  const text = d.choices?.[0]?.text;
  const problems: string[] = [];
  if (d.object !== 'text_completion')
    problems.push(`object is ${JSON.stringify(d.object)}, expected "text_completion"`);
  if (typeof text !== 'string' || text.trim() === '') problems.push('choices[0].text is empty');
  return judge(
    problems,
    `completions answered in ${Math.round(res.timings.endMs)} ms: ${excerpt(text ?? '')}`,
    {
      evidence: res.evidence,
      metrics: { latency_ms: res.timings.endMs },
    },
  );
}
