import { describe, expect, it } from 'vitest';
import {
  bootstrapCI,
  bootstrapDiffCI,
  bootstrapPairCI,
  mean,
  normalQuantile,
  seededRandom,
  wilson,
} from '../../src/metrics/intervals.js';
import { reference } from './reference.js';

// Reference values: statsmodels and scipy (test/fixtures/reference/stats/make_reference.py).
describe('normalQuantile matches scipy norm.ppf', () => {
  it.each(reference.normalQuantile)('p = $p', ({ p, z }) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9 * Math.max(1, Math.abs(z)));
  });

  it('is infinite at the ends and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('wilson matches statsmodels proportion_confint(method="wilson")', () => {
  it.each(reference.wilson)('$successes of $n at $confidence', ({ successes, n, confidence, low, high }) => {
    const w = wilson(successes, n, confidence);
    expect(Math.abs(w.low - low)).toBeLessThan(1e-9);
    expect(Math.abs(w.high - high)).toBeLessThan(1e-9);
    expect(w.estimate).toBe(successes / n);
  });

  it('defaults to 95%', () => {
    const ref = reference.wilson.find((r) => r.successes === 7 && r.n === 20)!;
    expect(wilson(7, 20).low).toBeCloseTo(ref.low, 12);
  });

  it('says nothing is known when there are no trials', () => {
    const w = wilson(0, 0);
    expect(w.estimate).toBeNaN();
    expect([w.low, w.high]).toEqual([0, 1]);
  });
});

/** Normal draws by Box-Muller from a seeded generator, for the coverage test. */
function normals(n: number, mu: number, rand: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(mu + Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
  }
  return out;
}

describe('bootstrap intervals', () => {
  const a = [3, 5, 4, 6, 7, 5, 4, 6, 5, 8];
  const b = [2, 3, 3, 4, 2, 5, 3, 4, 3, 2];

  it('gives the same interval for the same seed and another for another seed', () => {
    const one = bootstrapDiffCI(a, b, mean, { seed: 42 });
    expect(bootstrapDiffCI(a, b, mean, { seed: 42 })).toEqual(one);
    expect(bootstrapDiffCI(a, b, mean, { seed: 43 })).not.toEqual(one);
    expect(bootstrapCI(a, mean, { seed: 7 })).toEqual(bootstrapCI(a, mean, { seed: 7 }));
  });

  it('centres the difference on the observed one and brackets it', () => {
    const d = bootstrapDiffCI(a, b);
    expect(d.estimate).toBeCloseTo(mean(a) - mean(b), 12);
    expect(d.low).toBeLessThan(d.estimate);
    expect(d.high).toBeGreaterThan(d.estimate);
    expect(d.low).toBeGreaterThan(0);
  });

  it('collapses to a point when every value is the same', () => {
    expect(bootstrapDiffCI([1, 1, 1], [0, 0])).toEqual({ estimate: 1, low: 1, high: 1 });
  });

  it('narrows as confidence falls', () => {
    const wide = bootstrapCI(a, mean, { confidence: 0.99 });
    const narrow = bootstrapCI(a, mean, { confidence: 0.5 });
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });

  it('accepts any statistic, and any two-sample statistic', () => {
    const median = (v: readonly number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] as number;
    expect(bootstrapCI(a, median).estimate).toBe(5);
    const ratio = bootstrapPairCI(a, b, (x, y) => mean(x) / mean(y));
    expect(ratio.estimate).toBeCloseTo(5.3 / 3.1, 12);
  });

  it('is NaN on an empty sample', () => {
    expect(bootstrapDiffCI([], b).estimate).toBeNaN();
    expect(bootstrapCI([]).low).toBeNaN();
  });

  it('covers a known difference of means about 95% of the time', () => {
    // N(1, 1) vs N(0, 1), 40 draws each: the true difference is 1. With 200 trials the share that
    // covers it has a standard error of 1.5 points; the percentile bootstrap runs slightly narrow at
    // this size, so anything from 88% up is consistent with a correct 95% interval.
    const rand = seededRandom(2024);
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const ci = bootstrapDiffCI(normals(40, 1, rand), normals(40, 0, rand), mean, {
        iterations: 1000,
        seed: t,
      });
      if (ci.low <= 1 && 1 <= ci.high) covered++;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.88);
    expect(covered / trials).toBeLessThanOrEqual(0.99);
  });
});
