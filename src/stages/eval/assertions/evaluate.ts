/**
 * Running assertions: one (with `not-`, weight, metric and error handling) and a case's list of them
 * (weighted score, pass). Config errors propagate, since every case would fail the same way; anything
 * else a handler throws (a user function's bug, a judge's failure) fails only that assertion.
 */
import type { AssertionConfig } from '../../../config/stages/eval-assertions.js';
import type {
  Assertion,
  AssertionContext,
  AssertionHandler,
  AssertionResult,
  AssertionType,
} from '../types.js';
import { AssertionConfigError, JudgeError, messageOf } from './errors.js';
import { handlers } from './registry.js';
import { clamp01 } from './result.js';

/** A case's verdict from its assertions. */
export interface CaseEvaluation {
  pass: boolean;
  /** Weighted mean of the assertion scores (the plain mean when every weight is 0); 1 with no assertions. */
  score: number;
  results: AssertionResult[];
}

/** Evaluates one assertion as written (a `not-` type inverts pass and score). Throws only AssertionConfigError. */
export async function evaluateAssertion(
  assertion: Assertion | AssertionConfig,
  output: string,
  ctx: AssertionContext,
): Promise<AssertionResult> {
  const written = assertion.type;
  const negated = written.startsWith('not-');
  const type = (negated ? written.slice(4) : written) as AssertionType;
  // hasOwn: a type like "toString" must not find Object.prototype's.
  const handler = Object.hasOwn(handlers, type) ? (handlers[type] as AssertionHandler<Assertion>) : undefined;
  if (!handler) throw new AssertionConfigError(`unknown assertion type "${written}"`);
  const frame = { type: written, weight: assertion.weight ?? 1, metric: assertion.metric ?? written };

  let inner: AssertionResult;
  try {
    inner = await handler({ ...assertion, type } as Assertion, output, ctx);
  } catch (err) {
    if (err instanceof AssertionConfigError) throw err;
    // A failure to evaluate is never inverted: not-judge must not pass because the judge was down.
    if (err instanceof JudgeError) {
      return {
        ...frame,
        pass: false,
        score: 0,
        reason: `judge failed: ${err.message}`,
        details: { judgeError: err.message },
      };
    }
    return {
      ...frame,
      pass: false,
      score: 0,
      reason: `error: ${messageOf(err)}`,
      details: { error: messageOf(err) },
    };
  }

  const score = clamp01(inner.score);
  return {
    ...frame,
    pass: negated ? !inner.pass : inner.pass,
    score: negated ? 1 - score : score,
    reason: negated ? `not ${type}: ${inner.reason}` : inner.reason,
    ...(inner.details === undefined ? {} : { details: inner.details }),
  };
}

/**
 * Evaluates a case's assertions. It passes when every assertion passes, or, with `caseThreshold`, when
 * the weighted score reaches it. No assertions: passes with score 1 and no results.
 */
export async function evaluateCase(
  assertions: ReadonlyArray<Assertion | AssertionConfig>,
  output: string,
  ctx: AssertionContext,
  caseThreshold?: number,
): Promise<CaseEvaluation> {
  if (assertions.length === 0) return { pass: true, score: 1, results: [] };
  // Concurrently: judge votes are network calls; results keep the order the assertions were written in.
  const results = await Promise.all(assertions.map((a) => evaluateAssertion(a, output, ctx)));
  const score = weightedScore(results);
  const pass = results.every((r) => r.pass) || (caseThreshold !== undefined && score >= caseThreshold);
  return { pass, score, results };
}

/** Weighted mean of the scores; when every weight is 0 (all informational), the plain mean. */
export function weightedScore(results: ReadonlyArray<Pick<AssertionResult, 'score' | 'weight'>>): number {
  if (results.length === 0) return 1;
  const total = results.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return results.reduce((sum, r) => sum + r.score, 0) / results.length;
  return results.reduce((sum, r) => sum + r.score * r.weight, 0) / total;
}
