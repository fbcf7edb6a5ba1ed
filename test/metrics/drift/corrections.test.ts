import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bonferroni } from '../../../src/metrics/drift/index.js';
import { describeMiss, reference, relClose } from './reference.js';

// Reference values: statsmodels.stats.multitest.multipletests(method='bonferroni' | 'fdr_bh').
describe('corrections match statsmodels multipletests', () => {
  it.each(reference.corrections)('$pValues', ({ pValues, bonferroni: bonf, benjaminiHochberg: bh }) => {
    bonferroni(pValues).forEach((p, i) => {
      expect(relClose(p, bonf[i] as number), describeMiss(p, bonf[i] as number)).toBe(true);
    });
    benjaminiHochberg(pValues).forEach((p, i) => {
      expect(relClose(p, bh[i] as number), describeMiss(p, bh[i] as number)).toBe(true);
    });
  });

  it('adjusts nothing when there is nothing, and refuses p-values outside [0, 1]', () => {
    expect(bonferroni([])).toEqual([]);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.5, Number.NaN])).toThrow(/pValues\[1\] is NaN/);
    expect(() => bonferroni([1.5])).toThrow(RangeError);
  });
});
