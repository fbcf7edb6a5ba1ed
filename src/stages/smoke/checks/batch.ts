/**
 * batch: N concurrent requests all succeed, and each answer belongs to its own prompt. In `echo` mode each
 * prompt asks the model to repeat a unique code; an answer holding another request's code means responses
 * were crossed. In `reference` mode (for models that cannot follow instructions) every prompt is answered
 * alone first at temperature 0; batched, each must give the same answer, and one that equals another
 * prompt's answer was crossed.
 */
import { randomBytes } from 'node:crypto';
import type { SmokeChecks } from '../../../config/stages/smoke.js';
import type { HttpEvidence } from '../../../run/events.js';
import type { CheckOutcome } from '../../types.js';
import { chatBody, excerpt, judge, type SmokeContext } from '../common.js';

type BatchOptions = NonNullable<SmokeChecks['batch']>;

/** Sends `size` requests at once and checks every answer belongs to its own prompt (see the modes above). */
export async function batchCheck(ctx: SmokeContext, opts: BatchOptions): Promise<CheckOutcome> {
  return opts.mode === 'reference' ? referenceBatch(ctx, opts) : echoBatch(ctx, opts);
}

/** Each prompt asks to repeat its own code: an answer with another's code was crossed. */
function echoBatch(ctx: SmokeContext, opts: BatchOptions): Promise<CheckOutcome> {
  const salt = randomBytes(2).toString('hex').toUpperCase();
  const codes = Array.from({ length: opts.size }, (_, i) => `ZX${salt}Q${String(i + 1).padStart(3, '0')}`);
  return sendAtOnce(
    ctx,
    opts,
    codes.map((code) => `Repeat exactly: ${code}`),
    (i, text) => {
      const code = codes[i] as string;
      const others = codes.filter((c) => c !== code && text.includes(c));
      if (others.length > 0) {
        return `answer ${i + 1} holds the code of request(s) ${others.map((c) => codes.indexOf(c) + 1).join(', ')}: responses were crossed (${excerpt(text, 60)})`;
      }
      return text.includes(code)
        ? undefined
        : `answer ${i + 1} does not repeat its code ${code}: ${excerpt(text, 60)}`;
    },
    'all answered their own prompt',
  );
}

/** Answers every prompt alone, then all at once; each batched answer must equal its solo answer. */
async function referenceBatch(ctx: SmokeContext, opts: BatchOptions): Promise<CheckOutcome> {
  const prompts = Array.from(
    { length: opts.size },
    (_, i) =>
      `Request ${i + 1} of ${opts.size}: write a few words about ${REFERENCE_TOPICS[i % REFERENCE_TOPICS.length]}.`,
  );
  const solo: string[] = [];
  for (const prompt of prompts) {
    const r = await ctx.target.client.chat(chatBody(ctx, prompt, opts.maxTokens), { signal: ctx.signal });
    solo.push(r.data.choices?.[0]?.message?.content ?? '');
  }
  return sendAtOnce(
    ctx,
    opts,
    prompts,
    (i, text) => {
      if (text === solo[i]) return undefined;
      const crossed = solo.findIndex((other, j) => j !== i && other === text && other !== solo[i]);
      return crossed >= 0
        ? `answer ${i + 1} in the batch is the answer of request ${crossed + 1}: responses were crossed (${excerpt(text, 60)})`
        : `answer ${i + 1} in the batch differs from its answer alone at temperature 0: ${excerpt(text, 60)} vs ${excerpt(solo[i] ?? '', 60)} (batching changes the output)`;
    },
    'each gave the answer they give alone',
  );
}

/** Sends every prompt at once; `problem(i, text)` judges answer i. Failed requests are problems too. */
async function sendAtOnce(
  ctx: SmokeContext,
  opts: BatchOptions,
  prompts: string[],
  problem: (i: number, text: string) => string | undefined,
  passed: string,
): Promise<CheckOutcome> {
  const started = performance.now();
  const settled = await Promise.allSettled(
    prompts.map((prompt) =>
      ctx.target.client.chat(chatBody(ctx, prompt, opts.maxTokens), { signal: ctx.signal }),
    ),
  );
  const wallMs = performance.now() - started;
  const problems: string[] = [];
  let firstBad: HttpEvidence | undefined;
  for (const [i, s] of settled.entries()) {
    if (s.status === 'rejected') {
      problems.push(`request ${i + 1} failed: ${(s.reason as Error).message.split('\n')[0]}`);
      firstBad ??= (s.reason as { evidence?: HttpEvidence }).evidence;
      continue;
    }
    ctx.metric('smoke.latency_ms', 'trend', s.value.timings.endMs, { check: 'batch' });
    const found = problem(i, s.value.data.choices?.[0]?.message?.content ?? '');
    if (found) {
      problems.push(found);
      firstBad ??= s.value.evidence;
    }
  }
  return judge(problems, `${opts.size} concurrent requests ${passed} in ${Math.round(wallMs)} ms`, {
    ...(firstBad ? { evidence: firstBad } : {}),
    metrics: { requests: opts.size, ok: settled.length - problems.length, wall_ms: wallMs },
  });
}

const REFERENCE_TOPICS = [
  'rivers',
  'bridges',
  'gardens',
  'markets',
  'forests',
  'engines',
  'harbors',
  'libraries',
];
