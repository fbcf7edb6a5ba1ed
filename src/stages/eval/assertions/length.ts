/** Shape of the text: length (words, characters or tokens), readability (Flesch), coherence (repetition). */
import {
  charCount,
  coherenceScore,
  fleschKincaidGrade,
  fleschReadingEase,
  wordCount,
} from '../../../metrics/text/index.js';
import type { AssertionHandler } from '../types.js';
import { completionTokens } from './cost.js';
import { fmt, graded, type Of, outcome } from './result.js';

/** Length between `min` and `max` inclusive; tokens from the server's usage when it sent it, else estimated. */
export const length: AssertionHandler<Of<'length'>> = (a, output, ctx) => {
  let n: number;
  let note = '';
  if (a.unit === 'words') n = wordCount(output);
  else if (a.unit === 'chars') n = charCount(output);
  else {
    const tokens = completionTokens(output, ctx);
    n = tokens.count;
    if (tokens.estimated) note = ' (estimated)';
  }
  const { pass, bounds } = within(n, a.min, a.max);
  return outcome(a, pass, pass ? 1 : 0, `${n} ${a.unit}${note} ${pass ? 'within' : 'outside'} ${bounds}`, {
    [a.unit]: n,
  });
};

/** Flesch reading ease (higher is easier) or Flesch-Kincaid grade between `min` and `max`. */
export const readability: AssertionHandler<Of<'readability'>> = (a, output) => {
  const value = a.measure === 'flesch-reading-ease' ? fleschReadingEase(output) : fleschKincaidGrade(output);
  if (!Number.isFinite(value)) {
    return outcome(a, false, 0, `${a.measure} is undefined for this output (no words or sentences to score)`);
  }
  const { pass, bounds } = within(value, a.min, a.max);
  return outcome(
    a,
    pass,
    pass ? 1 : 0,
    `${a.measure} ${fmt(value)} ${pass ? 'within' : 'outside'} ${bounds}`,
    {
      value,
    },
  );
};

/** Coherence in [0, 1] (distinct sentences, few repeated n-grams); passes at `threshold` (default 0.7). */
export const coherence: AssertionHandler<Of<'coherence'>> = (a, output) => {
  const score = coherenceScore(output, a.ngram);
  return graded(a, score, a.threshold ?? 0.7, 'coherence');
};

function within(
  n: number,
  min: number | undefined,
  max: number | undefined,
): { pass: boolean; bounds: string } {
  const pass = (min === undefined || n >= min) && (max === undefined || n <= max);
  const bounds =
    min !== undefined && max !== undefined
      ? `[${fmt(min)}, ${fmt(max)}]`
      : min !== undefined
        ? `>= ${fmt(min)}`
        : max !== undefined
          ? `<= ${fmt(max)}`
          : 'any length (no min or max set)';
  return { pass, bounds };
}
