import { describe, expect, it } from 'vitest';
import {
  coherenceScore,
  distinctSentenceRatio,
  normaliseSentence,
  repeatedNgramRatio,
  sentences,
} from '../../../src/metrics/text/index.js';

describe('sentences', () => {
  it('splits at terminal punctuation but not after titles, initials, Latin abbreviations or decimals', () => {
    const text =
      'Dr. Smith arrived at 9 a.m. on Jan. 5 with Mr. Jones. They met at the U.S. embassy, i.e. the old ' +
      'building. It was 3.5 km away! Was it? \u201cYes,\u201d she said. J. R. R. Tolkien wrote it\u2026 Then they left.';
    expect(sentences(text)).toEqual([
      'Dr. Smith arrived at 9 a.m. on Jan. 5 with Mr. Jones.',
      'They met at the U.S. embassy, i.e. the old building.',
      'It was 3.5 km away!',
      'Was it?',
      '\u201cYes,\u201d she said.',
      'J. R. R. Tolkien wrote it\u2026',
      'Then they left.',
    ]);
  });

  it('treats line breaks as boundaries and keeps numbered list items whole', () => {
    expect(sentences('Steps:\n1. Open the file\n2. Save it\n\n- no period here\nDone.')).toEqual([
      'Steps:',
      '1. Open the file',
      '2. Save it',
      '- no period here',
      'Done.',
    ]);
  });

  it('keeps closing quotes with their sentence and returns nothing for blank text', () => {
    expect(sentences('He said "stop." She did.')).toEqual(['He said "stop."', 'She did.']);
    expect(sentences('  \n\t ')).toEqual([]);
  });
});

describe('repetition measures', () => {
  it('normalises case, punctuation and spacing before comparing sentences', () => {
    expect(normaliseSentence('  The  Product, is GREAT!! ')).toBe('the product is great');
    expect(distinctSentenceRatio('The product is great. the product is great! It works.')).toBeCloseTo(
      2 / 3,
      12,
    );
  });

  it('counts n-grams that repeat an earlier one', () => {
    // a b c a b c: trigrams abc bca cab abc -> one of four repeats.
    expect(repeatedNgramRatio('a b c a b c', 3)).toBeCloseTo(1 / 4, 12);
    // bigrams ab bc ca ab bc -> two of five repeat.
    expect(repeatedNgramRatio('a b c a b c', 2)).toBeCloseTo(2 / 5, 12);
    expect(repeatedNgramRatio('too short', 3)).toBe(0);
    expect(() => repeatedNgramRatio('x', 0)).toThrow(RangeError);
  });

  it('gives no repetition for no sentences', () => {
    expect(distinctSentenceRatio('')).toBe(1);
    expect(repeatedNgramRatio('', 3)).toBe(0);
  });
});

describe('coherenceScore', () => {
  it('is 1 without repetition and 0 for empty text', () => {
    expect(coherenceScore('The sun rose over the hills. Birds began to sing. A new day had started.')).toBe(
      1,
    );
    expect(coherenceScore('')).toBe(0);
    expect(coherenceScore('... !!')).toBe(0);
  });

  it('is sqrt(distinct sentence ratio x (1 - repeated n-gram ratio))', () => {
    const text = 'The product is great. The product is great. It ships fast.';
    const d = 2 / 3;
    // the product is great the product is great it ships fast: of 9 trigrams, 'the product is' and
    // 'product is great' come round again.
    const r = 2 / 9;
    expect(repeatedNgramRatio(text, 3)).toBeCloseTo(r, 12);
    expect(coherenceScore(text)).toBeCloseTo(Math.sqrt(d * (1 - r)), 12);
  });

  it('falls as a looping answer repeats itself', () => {
    const once = 'The product is great and I would buy it again.';
    const loop = Array(5).fill(once).join(' ');
    expect(coherenceScore(loop)).toBeLessThan(0.3);
    expect(coherenceScore(loop)).toBeLessThan(coherenceScore(`${once} ${once}`));
    expect(coherenceScore(`${once} ${once}`)).toBeLessThan(coherenceScore(once));
  });

  it('uses the n it is given', () => {
    const text = 'the cat sat. a cat sat.';
    expect(coherenceScore(text, 2)).toBeLessThan(coherenceScore(text, 3));
  });
});
