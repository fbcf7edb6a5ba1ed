/** Shared test helpers: assertions parsed through the real schema (so defaults apply) and a context. */
import { type Assertion, assertionSchema } from '../../../../src/config/stages/eval-assertions.js';
import { evaluateAssertion } from '../../../../src/stages/eval/assertions/index.js';
import type { AssertionContext, AssertionResult, ModelOutput } from '../../../../src/stages/eval/types.js';

/** An assertion as the config loader would hand it over: validated, defaults filled in. */
export function parse(raw: Record<string, unknown>): Assertion {
  return assertionSchema.parse(raw);
}

/** Overrides of a test context: any part, and any part of the model output. */
export type ContextOverrides = Partial<Omit<AssertionContext, 'output'>> & { output?: Partial<ModelOutput> };

/** A context for `text`; override any part. */
export function ctxFor(text: string, over: ContextOverrides = {}): AssertionContext {
  const { output, ...rest } = over;
  return {
    vars: {},
    prompt: 'the prompt',
    baseDir: process.cwd(),
    ...rest,
    output: { text, latencyMs: 100, cached: false, ...output },
  };
}

/** Parses `raw` and evaluates it against `text`. */
export function check(
  raw: Record<string, unknown>,
  text: string,
  over: ContextOverrides = {},
): Promise<AssertionResult> {
  return evaluateAssertion(parse(raw), text, ctxFor(text, over));
}

/** Evaluates `raw` and its `not-` variant; returns both results. */
export async function both(
  raw: Record<string, unknown>,
  text: string,
  over: ContextOverrides = {},
): Promise<{ plain: AssertionResult; negated: AssertionResult }> {
  const plain = await check(raw, text, over);
  const negated = await check({ ...raw, type: `not-${String(raw.type)}` }, text, over);
  return { plain, negated };
}
