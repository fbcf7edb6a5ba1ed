/** determinism: K repeats at temperature 0 give identical text; reports how many distinct outputs came back. */
import type { SmokeChecks } from '../../../config/stages/smoke.js';
import type { HttpEvidence } from '../../../run/events.js';
import type { CheckOutcome } from '../../types.js';
import { chatBody, firstDifference, judge, type SmokeContext } from '../common.js';

/** Repeats one request sequentially and counts distinct answers. */
export async function determinismCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['determinism']>,
): Promise<CheckOutcome> {
  const body = chatBody(ctx, opts.prompt, opts.maxTokens, opts.seed === undefined ? {} : { seed: opts.seed });
  const outputs: string[] = [];
  let evidence: HttpEvidence | undefined;
  for (let i = 0; i < opts.repeats; i++) {
    const res = await ctx.target.client.chat(body, { signal: ctx.signal });
    evidence ??= res.evidence;
    outputs.push(res.data.choices?.[0]?.message?.content ?? '');
  }
  const distinct = [...new Set(outputs)];
  const problems: string[] = [];
  if (distinct.length > 1) {
    const diff = firstDifference(distinct[0] as string, distinct[1] as string);
    problems.push(
      `${distinct.length} distinct outputs in ${opts.repeats} repeats at temperature 0${opts.seed === undefined ? '' : ` with seed ${opts.seed}`}; first difference at character ${diff?.index}: ${JSON.stringify(diff?.a)} vs ${JSON.stringify(diff?.b)}`,
    );
  }
  return judge(problems, `${opts.repeats} repeats at temperature 0 gave 1 distinct output`, {
    evidence: { ...evidence, details: { distinctOutputs: distinct.map((d) => d.slice(0, 300)) } },
    metrics: { repeats: opts.repeats, distinct_outputs: distinct.length },
  });
}
