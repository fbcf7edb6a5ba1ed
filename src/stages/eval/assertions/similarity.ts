/**
 * Similarity to references: BLEU (sacrebleu-compatible), ROUGE-1/2/L F-measure (rouge-score-compatible),
 * chrF and Levenshtein similarity, each as a score in [0, 1] that passes at `threshold`.
 */
import {
  bleu as bleuMetric,
  chrf as chrfMetric,
  levenshteinSimilarity,
  rouge as rougeMetric,
} from '../../../metrics/text/index.js';
import type { AssertionHandler } from '../types.js';
import { graded, listOf, type Of } from './result.js';

/** Corpus-style BLEU of the output against all references (0..100 scaled to 0..1); passes at 0.5 by default. */
export const bleu: AssertionHandler<Of<'bleu'>> = (a, output) => {
  const score = bleuMetric(output, listOf(a.reference)).score / 100;
  return graded(a, score, a.threshold ?? 0.5, 'BLEU');
};

/** ROUGE F-measure, the best over the references; passes at 0.5 by default. */
export const rouge: AssertionHandler<Of<'rouge'>> = (a, output) => {
  const perReference = listOf(a.reference).map((ref) => rougeMetric(output, ref, a.variant).fmeasure);
  return graded(a, Math.max(...perReference), a.threshold ?? 0.5, a.variant, { perReference });
};

/** chrF against the references (0..100 scaled to 0..1); passes at 0.5 by default. */
export const chrf: AssertionHandler<Of<'chrf'>> = (a, output) => {
  const score = chrfMetric(output, listOf(a.reference)) / 100;
  return graded(a, score, a.threshold ?? 0.5, 'chrF');
};

/** Normalised Levenshtein similarity to `value`; passes at 0.8 by default. */
export const levenshtein: AssertionHandler<Of<'levenshtein'>> = (a, output) => {
  return graded(a, levenshteinSimilarity(output, a.value), a.threshold ?? 0.8, 'Levenshtein similarity');
};
