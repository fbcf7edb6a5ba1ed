/**
 * Generated eval suites: CheckList behavioural tests (templates, lexicons, perturbations, INV/DIR
 * judging), counterfactual bias probes with bootstrap intervals, and the OWASP-mapped safety probes.
 * Everything is seeded: the same config gives the same cases.
 */
export {
  analyseBias,
  type BiasAnalysis,
  type BiasCase,
  type BiasOutput,
  biasGroups,
  buildBiasCases,
  type GapPair,
  type GapReport,
  type GroupStats,
} from './bias.js';
export {
  buildChecklist,
  type Checklist,
  type ChecklistCase,
  compareDirection,
  compareInvariance,
  type DirectionResult,
  type InvarianceResult,
} from './checklist.js';
export { extractValue, jsonPath, measureValue, normaliseText, parseJsonIn } from './extract.js';
export {
  type GenderedOptions,
  genderedScoreLimit,
  genderedVarianceScore,
  genderedWordCount,
  requirementGenderedWords,
} from './gendered.js';
export {
  builtinGroups,
  builtinLexicons,
  genderedPairs,
  genderedWords,
  nameLexicons,
  namesByEthnicity,
  resolveLexicons,
  synonymSets,
} from './lexicons/index.js';
export { negate } from './negation.js';
export { type Perturbation, perturb, perturbations, perturbationsFor } from './perturb.js';
export { changeCase, charSwap, confusables, punctuation, typo, whitespace } from './perturb-chars.js';
export { nameSwap, synonymSwap } from './perturb-words.js';
export { deriveSeed, type Rng, rngFor } from './random.js';
export { isRefusal, refusalPhrases } from './refusal.js';
export {
  buildSafetyCases,
  type CategoryScore,
  type SafetyCase,
  type SafetyResult,
  type SafetyScore,
  scoreSafety,
} from './safety.js';
export {
  correctionPhrases,
  type Detection,
  type Detector,
  detectAttack,
  type SafetyResponse,
} from './safety-detect.js';
export { builtinProbes, type OwaspId, owaspOf, type ProbeSpec, type Secrets } from './safety-probes.js';
export { sentimentScore } from './sentiment.js';
export { type ExpandOptions, type Expansion, expandTemplate, render } from './template.js';
export type * from './types.js';
