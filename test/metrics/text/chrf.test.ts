import { describe, expect, it } from 'vitest';
import { chrf } from '../../../src/metrics/text/index.js';
import { close, reference } from './reference.js';

describe('chrF matches sacrebleu sentence_chrf', () => {
  it.each(reference.chrf.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const score = chrf(c.hypothesis, c.references, c.options);
    expect(close(score, c.score, 1e-9), `${score} vs ${c.score}`).toBe(true);
  });

  it('covers the defaults, chrF++, beta 3 with epsilon smoothing, kept whitespace, order 4 and lowercase', () => {
    expect(new Set(reference.chrf.map((c) => JSON.stringify(c.options))).size).toBe(6);
  });
});

describe('chrF by hand', () => {
  it('is 100 for identical text, 0 for an empty hypothesis, and takes the best reference', () => {
    expect(chrf('Niemand hat die Absicht', ['Niemand hat die Absicht'])).toBeCloseTo(100, 10);
    expect(chrf('', ['reference'])).toBe(0);
    const best = chrf('the cat sat', ['a dog ran', 'the cat sat']);
    expect(best).toBeCloseTo(100, 10);
    expect(chrf('the cat sat', ['a dog ran'])).toBeLessThan(best);
  });

  it('counts an emoji as one character, as Python does', () => {
    // 'a😀' has character 1-grams {a, 😀} and one 2-gram: every order matches, so 100.
    expect(chrf('a\u{1F600}', ['a\u{1F600}'])).toBeCloseTo(100, 10);
    expect(chrf('a\u{1F600}', ['a\u{1F601}'])).toBeGreaterThan(0);
    expect(chrf('a\u{1F600}', ['a\u{1F601}'])).toBeLessThan(100);
  });

  it('refuses no references', () => {
    expect(() => chrf('x', [])).toThrow(RangeError);
  });
});
