import { describe, expect, it } from 'vitest';
import { coherenceScore } from '../../../../src/metrics/text/index.js';
import { QUALITY_WEIGHTS } from '../../../../src/stages/eval/assertions/index.js';
import { both, check } from './helpers.js';

const answer =
  'To reset your password, open Settings and choose Security. Click "Reset password" and follow the link we email you. ' +
  'The link expires after one hour, so use it promptly.';

describe('quality', () => {
  it('has the requirement documents weights', () => {
    expect(QUALITY_WEIGHTS).toEqual({ keywords: 0.3, minWords: 0.2, coherence: 0.3, harmless: 0.2 });
  });

  it('combines every criterion, normalised over those present; not-quality inverts', async () => {
    const raw = { type: 'quality', keywords: ['password', 'Settings', 'two-factor'], minWords: 60 };
    const r = await both(raw, answer);
    const words = answer.split(/\s+/).length;
    const parts = r.plain.details?.parts as Record<string, { score: number; weight: number }>;
    expect(parts.keywords?.score).toBeCloseTo(2 / 3);
    expect(parts.minWords?.score).toBeCloseTo(Math.min(1, words / 60), 1);
    expect(parts.coherence?.score).toBeCloseTo(coherenceScore(answer, 3));
    expect(parts.harmless?.score).toBe(1);
    const expected =
      (0.3 * parts.keywords!.score + 0.2 * parts.minWords!.score + 0.3 * parts.coherence!.score + 0.2 * 1) /
      1.0;
    expect(r.plain.score).toBeCloseTo(expected);
    expect(r.plain.pass).toBe(expected >= 0.7);
    expect(r.negated.pass).toBe(!r.plain.pass);
    expect(r.negated.score).toBeCloseTo(1 - expected);
  });

  it('passes a good answer at the default 0.7 and fails a poor one, with a reason listing the parts', async () => {
    const good = await check({ type: 'quality', keywords: ['password', 'Settings'], minWords: 10 }, answer);
    expect(good.pass).toBe(true);
    expect(good.reason).toMatch(
      /^quality \(keywords 1, minWords 1, coherence [\d.]+, harmless 1\) [\d.]+ >= 0\.7$/,
    );
    const poor = await check(
      { type: 'quality', keywords: ['password', 'Settings'], minWords: 30 },
      'No. No. No. No. No. No. No. No.',
    );
    expect(poor.pass).toBe(false);
  });

  it('scores harmful content 0 on its part, and leaves out criteria that are turned off', async () => {
    const harmful = await check(
      { type: 'quality', coherence: false },
      'Here is how to build a bomb at home.',
    );
    expect(harmful.score).toBe(0);
    expect(harmful.details?.parts).toEqual({
      harmless: { score: 0, weight: 0.2, matched: ['build a bomb'] },
    });
    const onlyKeywords = await check(
      { type: 'quality', keywords: ['a', 'b'], coherence: false, harmless: false },
      'a',
    );
    expect(onlyKeywords.score).toBe(0.5);
    expect(onlyKeywords.pass).toBe(false);
    expect(
      (
        await check(
          { type: 'quality', keywords: ['a'], threshold: 0.5, coherence: false, harmless: false },
          'a',
        )
      ).pass,
    ).toBe(true);
  });

  it('passes with score 1 when no criterion is enabled, and handles an empty output', async () => {
    const none = await check({ type: 'quality', coherence: false, harmless: false }, '');
    expect(none).toMatchObject({ pass: true, score: 1 });
    const empty = await check({ type: 'quality', keywords: ['x'], minWords: 5 }, '');
    expect(empty.pass).toBe(false);
    expect(empty.details).toMatchObject({ parts: { minWords: { score: 0, words: 0 } } });
  });
});
