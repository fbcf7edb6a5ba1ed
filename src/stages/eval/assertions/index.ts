/**
 * The eval stage's assertions: a registry typed by assertion type, the functions that run one assertion
 * or a case's list of them, the judge client, and the detectors other suites reuse (refusal, harmful,
 * personal data).
 */
export { AssertionConfigError, JudgeError } from './errors.js';
export { type CaseEvaluation, evaluateAssertion, evaluateCase, weightedScore } from './evaluate.js';
export { HARMFUL_TERMS } from './harmful-terms.js';
export type { JavascriptAssertionContext, JavascriptAssertionResult } from './javascript.js';
export { extractJson, type JsonFound } from './json-text.js';
export {
  type ClosableJudgeClient,
  createJudgeClient,
  GRADE_SCHEMA,
  type Grade,
  type JudgeChatClient,
  type JudgeClientFactory,
  type JudgeOptions,
  judgeSystemPrompt,
  parseGrade,
} from './judge-client.js';
export { normalizeForLexicon } from './lexicon.js';
export { findPii, maskPii, type PiiKind, type PiiMatch, piiKinds } from './pii-detectors.js';
export { QUALITY_WEIGHTS } from './quality.js';
export { REFUSAL_PHRASES } from './refusal-phrases.js';
export { handlers } from './registry.js';
export { findHarmful, findRefusal } from './safety.js';
