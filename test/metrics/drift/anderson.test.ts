import { describe, expect, it } from 'vitest';
import { andersonKSample } from '../../../src/metrics/drift/index.js';
import { data, describeMiss, P_ABS, reference, relClose } from './reference.js';

// Reference values: scipy.stats.anderson_ksamp (midrank), whose p-value is capped to [0.001, 0.25].
describe('andersonKSample matches scipy anderson_ksamp', () => {
  it.each(reference.anderson)('$samples', ({ samples, statistic, pValue, criticalValues }) => {
    const r = andersonKSample(samples.map(data));
    expect(relClose(r.statistic, statistic), describeMiss(r.statistic, statistic)).toBe(true);
    expect(
      Math.abs((r.pValue as number) - pValue),
      describeMiss(r.pValue as number, pValue),
    ).toBeLessThanOrEqual(P_ABS);
    r.criticalValues.forEach((cv, i) => {
      expect(relClose(cv, criticalValues[i] as number)).toBe(true);
    });
  });

  it('covers the capped, floored and interpolated p-values', () => {
    const ps = reference.anderson.map((c) => c.pValue);
    expect(ps).toContain(0.25);
    expect(ps).toContain(0.001);
    expect(ps.some((p) => p > 0.001 && p < 0.25)).toBe(true);
  });

  it('gives all-equal values statistic 0, p = 1 (scipy raises)', () => {
    expect(
      andersonKSample([
        [1, 1],
        [1, 1, 1],
      ]),
    ).toMatchObject({ statistic: 0, pValue: 1, drift: false });
  });

  it('refuses one sample, an empty sample and fewer than 4 values', () => {
    expect(() => andersonKSample([[1, 2, 3]])).toThrow(/at least two samples/);
    expect(() => andersonKSample([[1, 2], []])).toThrow(/samples\[1\] is empty/);
    expect(() => andersonKSample([[1], [2, 3]])).toThrow(/at least 4 values/);
  });
});
