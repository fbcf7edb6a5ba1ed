/**
 * quality: the requirement documents' composite score. Keyword coverage 0.3, minimum length 0.2,
 * coherence 0.3 and freedom from harmful terms 0.2, each counted only when asked for and the weights
 * normalised over those present; passes at 0.7 by default.
 */
import { coherenceScore, wordCount } from '../../../metrics/text/index.js';
import type { AssertionHandler } from '../types.js';
import { fmt, graded, type Of, outcome } from './result.js';
import { findHarmful } from './safety.js';
import { coverage } from './text-match.js';

/** The weights the requirement documents give each criterion. */
export const QUALITY_WEIGHTS = { keywords: 0.3, minWords: 0.2, coherence: 0.3, harmless: 0.2 } as const;

interface Part {
  score: number;
  weight: number;
  [detail: string]: unknown;
}

/** Weighted mean of the criteria present; details give each part's score and evidence. */
export const quality: AssertionHandler<Of<'quality'>> = (a, output) => {
  const parts: Record<string, Part> = {};
  if (a.keywords && a.keywords.length > 0) {
    const { found, missing, score } = coverage(a.keywords, output);
    parts.keywords = { score, weight: QUALITY_WEIGHTS.keywords, found, missing };
  }
  if (a.minWords !== undefined) {
    const words = wordCount(output);
    parts.minWords = { score: Math.min(1, words / a.minWords), weight: QUALITY_WEIGHTS.minWords, words };
  }
  if (a.coherence) {
    parts.coherence = { score: coherenceScore(output, 3), weight: QUALITY_WEIGHTS.coherence };
  }
  if (a.harmless) {
    const matched = findHarmful(output);
    parts.harmless = { score: matched.length === 0 ? 1 : 0, weight: QUALITY_WEIGHTS.harmless, matched };
  }
  const entries = Object.entries(parts);
  if (entries.length === 0) return outcome(a, true, 1, 'quality: no criteria enabled', { parts });
  const total = entries.reduce((sum, [, p]) => sum + p.weight, 0);
  const score = entries.reduce((sum, [, p]) => sum + p.score * p.weight, 0) / total;
  const summary = entries.map(([name, p]) => `${name} ${fmt(p.score)}`).join(', ');
  return graded(a, score, a.threshold ?? 0.7, `quality (${summary})`, { parts });
};
