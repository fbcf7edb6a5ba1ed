import { describe, expect, it } from 'vitest';
import { levenshteinSimilarity } from '../../../src/metrics/text/index.js';
import { reference } from './reference.js';

describe('Levenshtein similarity', () => {
  // Expected values from a plain dynamic programme over code points in make_reference.py.
  it.each(reference.levenshtein.map((c) => [`${JSON.stringify(c.a)} / ${JSON.stringify(c.b)}`, c] as const))(
    '%s',
    (_name, c) => {
      expect(levenshteinSimilarity(c.a, c.b)).toBeCloseTo(c.similarity, 12);
    },
  );

  it('is 1 for two empty strings and symmetric', () => {
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 12);
    expect(levenshteinSimilarity('sitting', 'kitten')).toBe(levenshteinSimilarity('kitten', 'sitting'));
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    expect(levenshteinSimilarity('\u{1F600}', '\u{1F601}')).toBe(0);
    expect(levenshteinSimilarity('ab\u{1F600}', 'ab\u{1F601}')).toBeCloseTo(2 / 3, 12);
  });
});
