/**
 * batch: N concurrent requests all succeed, and each answer belongs to its own prompt. Each prompt asks the
 * model to repeat a unique code; an answer holding another request's code means responses were crossed.
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
