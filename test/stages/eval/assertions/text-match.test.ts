import { describe, expect, it } from 'vitest';
import { AssertionConfigError } from '../../../../src/stages/eval/assertions/index.js';
import { both, check } from './helpers.js';

describe('equals', () => {
  it('passes on the exact text and fails on any difference; not-equals inverts', async () => {
    expect((await check({ type: 'equals', value: 'Paris' }, 'Paris')).pass).toBe(true);
    const off = await both({ type: 'equals', value: 'Paris' }, 'Paris.');
    expect(off.plain).toMatchObject({ pass: false, score: 0 });
    expect(off.plain.reason).toContain('expected "Paris", got "Paris."');
    expect(off.negated).toMatchObject({ pass: true, score: 1, type: 'not-equals' });
  });

  it('is exact: case, whitespace and unicode normal form all count', async () => {
    expect((await check({ type: 'equals', value: 'paris' }, 'Paris')).pass).toBe(false);
    expect((await check({ type: 'equals', value: 'Paris' }, 'Paris\n')).pass).toBe(false);
    expect((await check({ type: 'equals', value: 'caf\u00e9' }, 'cafe\u0301')).pass).toBe(false);
    expect((await check({ type: 'equals', value: '' }, '')).pass).toBe(true);
  });
});

describe('contains / icontains', () => {
  it('contains is case-sensitive', async () => {
    const hit = await both({ type: 'contains', value: 'refund' }, 'You can get a refund within 30 days.');
    expect(hit.plain.pass).toBe(true);
    expect(hit.negated.pass).toBe(false);
    expect(hit.negated.reason).toMatch(/^not contains: "refund" found/);
    expect((await check({ type: 'contains', value: 'Refund' }, 'a refund')).pass).toBe(false);
  });

  it('contains matches across unicode normal forms and finds nothing in an empty output', async () => {
    expect((await check({ type: 'contains', value: 'caf\u00e9' }, 'un cafe\u0301 noir')).pass).toBe(true);
    expect((await check({ type: 'contains', value: '日本' }, '私は日本に住んでいます')).pass).toBe(true);
    const empty = await both({ type: 'contains', value: 'x' }, '');
    expect(empty.plain.pass).toBe(false);
    expect(empty.negated.pass).toBe(true);
  });

  it('icontains ignores case, including non-ASCII letters', async () => {
    expect((await check({ type: 'icontains', value: 'REFUND' }, 'a Refund')).pass).toBe(true);
    expect((await check({ type: 'icontains', value: 'ÉCOLE' }, "à l'école")).pass).toBe(true);
    const miss = await both({ type: 'icontains', value: 'refund' }, 'no money back');
    expect(miss.plain.pass).toBe(false);
    expect(miss.negated.pass).toBe(true);
  });
});

describe('contains-any / contains-all', () => {
  it('contains-any passes when one keyword is found; the score is the share found', async () => {
    const r = await both(
      { type: 'contains-any', value: ['Paris', 'Lyon', 'Nice', 'Lille'] },
      'Visit paris and lyon',
    );
    expect(r.plain).toMatchObject({ pass: true, score: 0.5 });
    expect(r.negated).toMatchObject({ pass: false, score: 0.5 });
    const none = await both({ type: 'contains-any', value: ['Paris', 'Lyon'] }, 'Berlin');
    expect(none.plain).toMatchObject({ pass: false, score: 0 });
    expect(none.plain.reason).toContain('none of "Paris", "Lyon" found');
    expect(none.negated).toMatchObject({ pass: true, score: 1 });
  });

  it('contains-any honours caseSensitive and a single string value', async () => {
    expect((await check({ type: 'contains-any', value: ['Paris'], caseSensitive: true }, 'paris')).pass).toBe(
      false,
    );
    expect((await check({ type: 'contains-any', value: 'Paris' }, 'PARIS')).pass).toBe(true);
  });

  it('contains-all needs every keyword by default and reports the missing ones', async () => {
    const r = await both(
      { type: 'contains-all', value: ['refund', '30 days', 'receipt'] },
      'A refund within 30 days.',
    );
    expect(r.plain.pass).toBe(false);
    expect(r.plain.score).toBeCloseTo(2 / 3);
    expect(r.plain.reason).toContain('missing "receipt"');
    expect(r.plain.details).toMatchObject({ found: ['refund', '30 days'], missing: ['receipt'] });
    expect(r.negated.pass).toBe(true);
    expect(r.negated.score).toBeCloseTo(1 / 3);
    expect((await check({ type: 'contains-all', value: ['a', 'b'] }, 'A B')).pass).toBe(true);
  });

  it('contains-all passes at a lower threshold when set', async () => {
    const raw = { type: 'contains-all', value: ['refund', '30 days', 'receipt'], threshold: 0.6 };
    expect((await check(raw, 'refund in 30 days')).pass).toBe(true);
    expect((await check(raw, 'refund')).pass).toBe(false);
    expect((await check({ ...raw, caseSensitive: true }, 'REFUND in 30 days')).pass).toBe(false);
  });
});

describe('regex', () => {
  it('matches with flags and quotes the match; not-regex inverts', async () => {
    const r = await both(
      { type: 'regex', value: '^answer: (yes|no)$', flags: 'im' },
      'Reasoning...\nANSWER: Yes',
    );
    expect(r.plain.pass).toBe(true);
    expect(r.plain.reason).toContain('matched "ANSWER: Yes"');
    expect(r.negated.pass).toBe(false);
    expect((await check({ type: 'regex', value: '^answer' }, 'ANSWER')).pass).toBe(false);
  });

  it('gives the same answer every time with the g and y flags (no lastIndex carry-over)', async () => {
    for (let i = 0; i < 3; i++)
      expect((await check({ type: 'regex', value: 'b', flags: 'g' }, 'abc')).pass).toBe(true);
    expect((await check({ type: 'regex', value: 'a', flags: 'y' }, 'abc')).pass).toBe(true);
  });

  it('supports unicode property escapes with the u flag', async () => {
    expect((await check({ type: 'regex', value: '^\\p{Lu}', flags: 'u' }, 'Émile')).pass).toBe(true);
    expect((await check({ type: 'regex', value: '^\\p{Lu}', flags: 'u' }, 'émile')).pass).toBe(false);
  });

  it('throws a config error naming the pattern for an invalid regex', async () => {
    const err = await check({ type: 'regex', value: '(unclosed' }, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssertionConfigError);
    expect((err as Error).message).toContain('/(unclosed/');
    await expect(check({ type: 'not-regex', value: '[z-a]' }, 'x')).rejects.toThrow(/\[z-a\]/);
  });
});

describe('starts-with', () => {
  it('passes on the prefix, ignoring leading whitespace of the output', async () => {
    expect((await check({ type: 'starts-with', value: 'Yes' }, 'Yes, it is.')).pass).toBe(true);
    expect((await check({ type: 'starts-with', value: 'Yes' }, '\n  Yes, it is.')).pass).toBe(true);
    const r = await both({ type: 'starts-with', value: 'Yes' }, 'No, it is not.');
    expect(r.plain.pass).toBe(false);
    expect(r.plain.reason).toContain('expected to start with "Yes"');
    expect(r.negated.pass).toBe(true);
  });

  it('keeps leading whitespace when the value itself starts with it, and fails on empty output', async () => {
    expect((await check({ type: 'starts-with', value: ' Yes' }, 'Yes')).pass).toBe(false);
    expect((await check({ type: 'starts-with', value: ' Yes' }, ' Yes')).pass).toBe(true);
    expect((await check({ type: 'starts-with', value: 'Yes' }, '')).pass).toBe(false);
  });
});
