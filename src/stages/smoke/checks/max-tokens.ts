/** max_tokens: completion_tokens never exceeds the limit, and a cut answer says finish_reason "length". */
import type { SmokeChecks } from '../../../config/stages/smoke.js';
import type { HttpEvidence } from '../../../run/events.js';
import type { CheckOutcome } from '../../types.js';
import { chatBody, judge, type SmokeContext } from '../common.js';

/** Asks for a long answer under each limit and checks the limit held. */
export async function maxTokensCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['max_tokens']>,
): Promise<CheckOutcome> {
  const problems: string[] = [];
  const observed: Record<string, number> = {};
  let evidence: HttpEvidence | undefined;
  for (const limit of opts.limits) {
    const res = await ctx.target.client.chat(chatBody(ctx, opts.prompt, limit), { signal: ctx.signal });
    const choice = res.data.choices?.[0];
    const used = res.data.usage?.completion_tokens;
    const before = problems.length;
    if (used === undefined) problems.push(`max_tokens ${limit}: no usage.completion_tokens to check against`);
    else {
      observed[`completion_tokens_at_${limit}`] = used;
      if (used > limit)
        problems.push(
          `max_tokens ${limit}: the answer used ${used} completion tokens (${used - limit} over the limit)`,
        );
      if (used === limit && choice?.finish_reason !== 'length') {
        problems.push(
          `max_tokens ${limit}: the answer was cut at the limit but finish_reason is ${JSON.stringify(choice?.finish_reason)}, expected "length"`,
        );
      }
      if (choice?.finish_reason === 'length' && used < limit) {
        problems.push(`max_tokens ${limit}: finish_reason "length" after only ${used} tokens`);
      }
    }
    if (problems.length > before) evidence ??= res.evidence;
  }
  return judge(problems, `completion_tokens stayed within max_tokens ${opts.limits.join(', ')}`, {
    ...(evidence ? { evidence } : {}),
    metrics: observed,
  });
}
