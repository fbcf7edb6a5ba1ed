import { describe, expect, it } from 'vitest';
import { zTest } from '../../../src/metrics/drift/index.js';
import { describeMiss, P_ABS, reference, relClose } from './reference.js';

// Reference values: statsmodels proportions_ztest (pooled), which the script checks equals Evidently's formula.
describe('zTest matches the pooled two-proportion Z test', () => {
  it.each(reference.zTest)('$ref vs $cur', ({ ref, cur, statistic, pValue }) => {
    const r = zTest(ref, cur);
    expect(relClose(r.statistic, statistic), describeMiss(r.statistic, statistic)).toBe(true);
    expect(Math.abs((r.pValue as number) - pValue)).toBeLessThanOrEqual(P_ABS);
    expect(r.drift).toBe(pValue < 0.05);
  });

  it('gives a column with one value in both samples z = 0, p = 1', () => {
    expect(zTest([50, 0], [30, 0])).toMatchObject({ statistic: 0, pValue: 1, drift: false });
    expect(zTest([50], [30])).toMatchObject({ statistic: 0, pValue: 1, drift: false });
  });

  it('refuses more than two categories', () => {
    expect(() => zTest([1, 2, 3], [1, 2, 3])).toThrow(/binary/);
  });
});
