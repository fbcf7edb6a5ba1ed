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

/** Sends `size` requests at once and checks every answer holds its own code and no other. */
export async function batchCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['batch']>,
): Promise<CheckOutcome> {
  if (opts.mode === 'reference') return referenceBatch(ctx, opts);
  const salt = randomBytes(2).toString('hex').toUpperCase();
  const codes = Array.from({ length: opts.size }, (_, i) => `ZX${salt}Q${String(i + 1).padStart(3, '0')}`);
  const started = performance.now();
  const settled = await Promise.allSettled(
    codes.map((code) =>
      ctx.target.client.chat(chatBody(ctx, `Repeat exactly: ${code}`, opts.maxTokens), {
        signal: ctx.signal,
      }),
    ),
  );
  const wallMs = performance.now() - started;
  const problems: string[] = [];
  let firstBad: HttpEvidence | undefined;
  for (const [i, s] of settled.entries()) {
    const code = codes[i] as string;
    if (s.status === 'rejected') {
      problems.push(`request ${i + 1} failed: ${(s.reason as Error).message.split('\n')[0]}`);
      firstBad ??= (s.reason as { evidence?: HttpEvidence }).evidence;
      continue;
    }
    ctx.metric('smoke.latency_ms', 'trend', s.value.timings.endMs, { check: 'batch' });
    const text = s.value.data.choices?.[0]?.message?.content ?? '';
    const others = codes.filter((c) => c !== code && text.includes(c));
    if (others.length > 0) {
      problems.push(
        `answer ${i + 1} holds the code of request(s) ${others.map((c) => codes.indexOf(c) + 1).join(', ')}: responses were crossed (${excerpt(text, 60)})`,
      );
      firstBad ??= s.value.evidence;
    } else if (!text.includes(code)) {
      problems.push(`answer ${i + 1} does not repeat its code ${code}: ${excerpt(text, 60)}`);
      firstBad ??= s.value.evidence;
    }
  }
  const ok = settled.length - problems.length;
  return judge(
    problems,
    `${opts.size} concurrent requests all answered their own prompt in ${Math.round(wallMs)} ms`,
    {
      ...(firstBad ? { evidence: firstBad } : {}),
      metrics: { requests: opts.size, ok, wall_ms: wallMs },
    },
  );
}

/** Answers every prompt alone, then all at once; each batched answer must equal its solo answer. */
async function referenceBatch(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['batch']>,
): Promise<CheckOutcome> {
  const prompts = Array.from(
    { length: opts.size },
    (_, i) =>
      `Request ${i + 1} of ${opts.size}: write a few words about ${REFERENCE_TOPICS[i % REFERENCE_TOPICS.length]}.`,
  );
  const ask = (prompt: string) =>
    ctx.target.client.chat(chatBody(ctx, prompt, opts.maxTokens), { signal: ctx.signal });
  const solo: string[] = [];
  for (const prompt of prompts) {
    const r = await ask(prompt);
    solo.push(r.data.choices?.[0]?.message?.content ?? '');
  }
  const started = performance.now();
  const settled = await Promise.allSettled(prompts.map(ask));
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
    const text = s.value.data.choices?.[0]?.message?.content ?? '';
    if (text === solo[i]) continue;
    const crossed = solo.findIndex((other, j) => j !== i && other === text && other !== solo[i]);
    problems.push(
      crossed >= 0
        ? `answer ${i + 1} in the batch is the answer of request ${crossed + 1}: responses were crossed (${excerpt(text, 60)})`
        : `answer ${i + 1} in the batch differs from its answer alone at temperature 0: ${excerpt(text, 60)} vs ${excerpt(solo[i] ?? '', 60)} (batching changes the output)`,
    );
    firstBad ??= s.value.evidence;
  }
  const ok = settled.length - problems.length;
  return judge(
    problems,
    `${opts.size} concurrent requests each gave the answer they give alone, in ${Math.round(wallMs)} ms`,
    {
      ...(firstBad ? { evidence: firstBad } : {}),
      metrics: { requests: opts.size, ok, wall_ms: wallMs },
    },
  );
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
