import { describe, expect, it } from 'vitest';
import {
  charCount,
  coherenceScore,
  estimateTokens,
  fleschKincaidGrade,
  fleschReadingEase,
} from '../../../../src/metrics/text/index.js';
import { both, check } from './helpers.js';

const simple = 'The cat sat on the mat. The dog ran to the park. We had fun in the sun.';
const dense =
  'Notwithstanding considerable methodological heterogeneity, contemporary epidemiological investigations ' +
  'consistently demonstrate statistically significant associations between socioeconomic deprivation and ' +
  'cardiovascular morbidity, particularly among institutionalized populations experiencing multidimensional disadvantage.';

describe('length', () => {
  it('counts words between min and max inclusive; not-length inverts', async () => {
    expect((await check({ type: 'length', min: 3, max: 3 }, 'one two three')).pass).toBe(true);
    const long = await both({ type: 'length', max: 2 }, 'one two three');
    expect(long.plain).toMatchObject({ pass: false, score: 0 });
    expect(long.plain.reason).toBe('3 words outside <= 2');
    expect(long.negated.pass).toBe(true);
    expect((await check({ type: 'length', min: 4 }, 'one two three')).pass).toBe(false);
  });

  it('counts characters with the metric (unicode aware)', async () => {
    const text = 'héllo 🎉 wörld';
    const n = charCount(text);
    expect((await check({ type: 'length', unit: 'chars', min: n, max: n }, text)).pass).toBe(true);
    expect((await check({ type: 'length', unit: 'chars', max: n - 1 }, text)).pass).toBe(false);
  });

  it('counts tokens from usage when present, else estimates', async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 50, total_tokens: 55 };
    const r = await check({ type: 'length', unit: 'tokens', max: 49 }, 'short', { output: { usage } });
    expect(r.pass).toBe(false);
    expect(r.reason).toBe('50 tokens outside <= 49');
    const text = 'a few words of text to estimate';
    const est = await check({ type: 'length', unit: 'tokens', min: 1, max: estimateTokens(text) }, text);
    expect(est.pass).toBe(true);
    expect(est.reason).toContain('(estimated)');
  });

  it('handles an empty output and no bounds', async () => {
    expect((await check({ type: 'length', min: 1 }, '')).pass).toBe(false);
    expect((await check({ type: 'length', max: 0 }, '')).pass).toBe(true);
    const any = await check({ type: 'length' }, 'whatever');
    expect(any.pass).toBe(true);
    expect(any.reason).toContain('no min or max set');
  });
});

describe('readability', () => {
  it('checks Flesch reading ease against min and max and gives the value; not-readability inverts', async () => {
    const ease = fleschReadingEase(simple);
    expect(ease).toBeGreaterThan(fleschReadingEase(dense));
    const r = await both({ type: 'readability', min: 60 }, simple);
    expect(r.plain.pass).toBe(true);
    expect(r.plain.details).toEqual({ value: ease });
    const hard = await both({ type: 'readability', min: 60 }, dense);
    expect(hard.plain.pass).toBe(false);
    expect(hard.plain.reason).toMatch(/^flesch-reading-ease -?\d+(\.\d+)? outside >= 60$/);
    expect(hard.negated.pass).toBe(true);
  });

  it('checks the Flesch-Kincaid grade when asked', async () => {
    const grade = fleschKincaidGrade(dense);
    expect(grade).toBeGreaterThan(12);
    const raw = { type: 'readability', measure: 'flesch-kincaid-grade', max: 8 };
    expect((await check(raw, simple)).pass).toBe(true);
    expect((await check(raw, dense)).pass).toBe(false);
    expect((await check({ ...raw, min: grade - 0.01, max: grade + 0.01 }, dense)).pass).toBe(true);
  });

  it('fails on an empty output (nothing to score) instead of inventing a value', async () => {
    const r = await check({ type: 'readability', max: 100 }, '');
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/undefined|no words/);
  });
});

describe('coherence', () => {
  const repetitive = 'I like it. I like it. I like it. I like it. I like it. I like it.';

  it('passes coherent text at the default 0.7 and fails repetitive text; not-coherence inverts', async () => {
    const good = await both({ type: 'coherence' }, simple);
    expect(good.plain.pass).toBe(true);
    expect(good.plain.score).toBeCloseTo(coherenceScore(simple, 3));
    const bad = await both({ type: 'coherence' }, repetitive);
    expect(bad.plain.pass).toBe(false);
    expect(bad.plain.reason).toMatch(/^coherence [\d.]+ < 0\.7$/);
    expect(bad.negated.pass).toBe(true);
  });

  it('uses the n-gram size and threshold given', async () => {
    const score = coherenceScore(repetitive, 2);
    const r = await check({ type: 'coherence', ngram: 2, threshold: score }, repetitive);
    expect(r.pass).toBe(true);
    expect(r.score).toBeCloseTo(score);
  });
});
