import { describe, expect, it } from 'vitest';
import {
  AssertionConfigError,
  evaluateAssertion,
  evaluateCase,
  weightedScore,
} from '../../../../src/stages/eval/assertions/index.js';
import { check, ctxFor, parse } from './helpers.js';

describe('evaluateAssertion', () => {
  it('reports type as written, weight, and metric defaulting to the type', async () => {
    const r = await check({ type: 'not-contains', value: 'x', weight: 2 }, 'abc');
    expect(r).toMatchObject({
      type: 'not-contains',
      weight: 2,
      metric: 'not-contains',
      pass: true,
      score: 1,
    });
    const named = await check({ type: 'contains', value: 'a', metric: 'mentions-a' }, 'abc');
    expect(named.metric).toBe('mentions-a');
  });

  it('inverts a graded score for not- variants', async () => {
    const r = await check({ type: 'not-contains-all', value: ['a', 'b', 'c', 'd'] }, 'a b c');
    expect(r.pass).toBe(true);
    expect(r.score).toBeCloseTo(0.25);
    expect(r.reason).toMatch(/^not contains-all: 3\/4 found/);
  });

  it('throws a config error for an unknown type', async () => {
    const bogus = { type: 'not-telepathy', weight: 1 } as never;
    await expect(evaluateAssertion(bogus, 'x', ctxFor('x'))).rejects.toThrow(AssertionConfigError);
    const inherited = { type: 'toString', weight: 1 } as never;
    await expect(evaluateAssertion(inherited, 'x', ctxFor('x'))).rejects.toThrow(
      /unknown assertion type "toString"/,
    );
  });
});

describe('evaluateCase', () => {
  const ctx = ctxFor('Paris is the capital of France.');
  const output = ctx.output.text;

  it('passes with score 1 and no results when there are no assertions', async () => {
    expect(await evaluateCase([], output, ctx)).toEqual({ pass: true, score: 1, results: [] });
  });

  it('scores the weighted mean and passes only when every assertion passes', async () => {
    const assertions = [
      parse({ type: 'contains', value: 'Paris', weight: 3 }),
      parse({ type: 'contains', value: 'Berlin', weight: 1 }),
    ];
    const r = await evaluateCase(assertions, output, ctx);
    expect(r.score).toBeCloseTo(0.75);
    expect(r.pass).toBe(false);
    expect(r.results.map((x) => x.pass)).toEqual([true, false]);
  });

  it('passes on the case threshold when the weighted score reaches it', async () => {
    const assertions = [
      parse({ type: 'contains', value: 'Paris', weight: 3 }),
      parse({ type: 'contains', value: 'Berlin', weight: 1 }),
    ];
    expect((await evaluateCase(assertions, output, ctx, 0.75)).pass).toBe(true);
    expect((await evaluateCase(assertions, output, ctx, 0.8)).pass).toBe(false);
  });

  it('lets weight 0 assertions report without counting, and means the scores when every weight is 0', async () => {
    const informational = parse({ type: 'contains', value: 'Berlin', weight: 0 });
    const r = await evaluateCase(
      [parse({ type: 'contains', value: 'Paris' }), informational],
      output,
      ctx,
      0.9,
    );
    expect(r.score).toBe(1);
    expect(r.pass).toBe(true);
    const allZero = await evaluateCase(
      [parse({ type: 'contains', value: 'Paris', weight: 0 }), informational],
      output,
      ctx,
    );
    expect(allZero.score).toBe(0.5);
    expect(allZero.pass).toBe(false);
  });

  it('keeps results in the order written and lets an assertion error fail only the case', async () => {
    const failing = parse({ type: 'javascript', file: 'checks.mjs', export: 'throws' });
    const dir = new URL('./fixtures/', import.meta.url).pathname;
    const r = await evaluateCase([parse({ type: 'icontains', value: 'paris' }), failing], output, {
      ...ctx,
      baseDir: dir,
    });
    expect(r.results.map((x) => x.type)).toEqual(['icontains', 'javascript']);
    expect(r.results[1]?.reason).toBe('error: user function blew up');
    expect(r.pass).toBe(false);
    expect(r.score).toBe(0.5);
  });

  it('propagates config errors', async () => {
    await expect(evaluateCase([parse({ type: 'regex', value: '(' })], output, ctx)).rejects.toThrow(
      AssertionConfigError,
    );
  });
});

describe('weightedScore', () => {
  it('is the weighted mean, the plain mean for all-zero weights, and 1 for nothing', () => {
    expect(
      weightedScore([
        { score: 1, weight: 1 },
        { score: 0, weight: 3 },
      ]),
    ).toBe(0.25);
    expect(
      weightedScore([
        { score: 1, weight: 0 },
        { score: 0, weight: 0 },
      ]),
    ).toBe(0.5);
    expect(weightedScore([])).toBe(1);
  });
});
