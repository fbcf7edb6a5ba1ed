import { describe, expect, it } from 'vitest';
import { bleu, chrf, levenshteinSimilarity, rouge } from '../../../../src/metrics/text/index.js';
import { both, check } from './helpers.js';

const ref = 'The quick brown fox jumps over the lazy dog.';
const close = 'The quick brown fox jumped over the lazy dog.';
const far = 'Stock markets closed higher on Tuesday.';

describe('bleu', () => {
  it('scores sentence BLEU / 100, passing at 0.5 by default; not-bleu inverts', async () => {
    const r = await both({ type: 'bleu', reference: ref }, ref);
    expect(r.plain).toMatchObject({ pass: true, score: 1 });
    expect(r.negated).toMatchObject({ pass: false, score: 0 });
    const miss = await both({ type: 'bleu', reference: ref }, far);
    expect(miss.plain.pass).toBe(false);
    expect(miss.plain.reason).toMatch(/^BLEU [\d.]+ < 0\.5$/);
    expect(miss.negated.pass).toBe(true);
  });

  it('uses every reference and the threshold given', async () => {
    const expected = bleu(close, [far, ref]).score / 100;
    const r = await check({ type: 'bleu', reference: [far, ref], threshold: 0.1 }, close);
    expect(r.score).toBeCloseTo(expected);
    expect(r.pass).toBe(expected >= 0.1);
    expect((await check({ type: 'bleu', reference: ref, threshold: 0.99 }, close)).pass).toBe(false);
  });

  it('scores 0 on an empty output', async () => {
    expect(await check({ type: 'bleu', reference: ref }, '')).toMatchObject({ pass: false, score: 0 });
  });
});

describe('rouge', () => {
  it('scores the F-measure of the variant, best over references; not-rouge inverts', async () => {
    const r = await both({ type: 'rouge', reference: [far, ref] }, close);
    const expected = Math.max(rouge(close, far, 'rougeL').fmeasure, rouge(close, ref, 'rougeL').fmeasure);
    expect(r.plain.score).toBeCloseTo(expected);
    expect(r.plain.pass).toBe(true);
    expect(r.negated.pass).toBe(false);
    expect((await check({ type: 'rouge', reference: ref }, far)).pass).toBe(false);
  });

  it('supports rouge1 and rouge2', async () => {
    for (const variant of ['rouge1', 'rouge2'] as const) {
      const r = await check({ type: 'rouge', variant, reference: ref }, close);
      expect(r.score).toBeCloseTo(rouge(close, ref, variant).fmeasure);
      expect(r.reason).toContain(variant);
    }
  });
});

describe('chrf', () => {
  it('scores chrF / 100, passing at 0.5 by default; not-chrf inverts', async () => {
    const r = await both({ type: 'chrf', reference: ref }, close);
    expect(r.plain.score).toBeCloseTo(chrf(close, [ref]) / 100);
    expect(r.plain.pass).toBe(true);
    expect(r.negated.pass).toBe(false);
    const miss = await both({ type: 'chrf', reference: ref }, far);
    expect(miss.plain.pass).toBe(false);
    expect(miss.negated.pass).toBe(true);
  });

  it('handles unicode text', async () => {
    const r = await check(
      { type: 'chrf', reference: 'Der Bär schläft im Wald.' },
      'Der Bär schläft im Wald.',
    );
    expect(r.score).toBeCloseTo(1);
  });
});

describe('levenshtein', () => {
  it('scores similarity, passing at 0.8 by default; not-levenshtein inverts', async () => {
    const r = await both({ type: 'levenshtein', value: 'organisation' }, 'organization');
    expect(r.plain.score).toBeCloseTo(levenshteinSimilarity('organization', 'organisation'));
    expect(r.plain.pass).toBe(true);
    expect(r.negated.pass).toBe(false);
    const miss = await both({ type: 'levenshtein', value: 'organisation' }, 'banana');
    expect(miss.plain.pass).toBe(false);
    expect(miss.negated.pass).toBe(true);
  });

  it('treats an empty output against a non-empty value as dissimilar', async () => {
    expect((await check({ type: 'levenshtein', value: 'abc' }, '')).pass).toBe(false);
    expect((await check({ type: 'levenshtein', value: '', threshold: 1 }, '')).pass).toBe(true);
  });
});
