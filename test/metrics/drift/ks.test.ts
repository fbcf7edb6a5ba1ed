import { describe, expect, it } from 'vitest';
import { ks2 } from '../../../src/metrics/drift/index.js';
import { kolmogorovSf } from '../../../src/metrics/drift/kolmogorov.js';
import { data, describeMiss, P_ABS, reference, relClose } from './reference.js';

// Reference values: scipy.stats.ks_2samp(method='auto') and kstwo.sf (test/fixtures/reference/drift).
describe('ks2 matches scipy ks_2samp(method="auto")', () => {
  it.each(reference.ks)('$ref vs $cur ($mode)', ({ ref, cur, statistic, pValue, mode }) => {
    const r = ks2(data(ref), data(cur));
    expect(r.mode).toBe(mode);
    expect(relClose(r.statistic, statistic), describeMiss(r.statistic, statistic)).toBe(true);
    expect(
      Math.abs((r.pValue as number) - pValue),
      describeMiss(r.pValue as number, pValue),
    ).toBeLessThanOrEqual(P_ABS);
    expect(r.drift).toBe(pValue < 0.05);
  });

  it('exercises both of scipy exact methods and its asymptotic one', () => {
    const modes = new Set(reference.ks.map((c) => c.mode));
    expect(modes).toEqual(new Set(['exact', 'asymp']));
    const exactEqual = reference.ks.some(
      (c) => c.mode === 'exact' && data(c.ref).length === data(c.cur).length,
    );
    const exactUnequal = reference.ks.some(
      (c) => c.mode === 'exact' && data(c.ref).length !== data(c.cur).length,
    );
    expect(exactEqual && exactUnequal).toBe(true);
  });

  it('gives a constant column D = 0, p = 1 and no drift', () => {
    expect(ks2([3, 3, 3], [3, 3])).toMatchObject({ statistic: 0, pValue: 1, drift: false });
  });

  it('takes a custom threshold', () => {
    const r = ks2(data('mid_a'), data('mid_b'), { threshold: 0.01 });
    expect(r).toMatchObject({ threshold: 0.01, drift: false });
  });

  it('refuses empty and non-finite samples with a RangeError', () => {
    expect(() => ks2([], [1])).toThrow(RangeError);
    expect(() => ks2([1], [])).toThrow(/current is empty/);
    expect(() => ks2([1, Number.NaN], [1])).toThrow(/reference\[1\] is NaN/);
  });
});

describe('kolmogorovSf matches scipy kstwo.sf in every branch', () => {
  it.each(reference.kstwoSf)('n = $n, x = $x', ({ n, x, sf }) => {
    const got = kolmogorovSf(n, x);
    // Tighter than the issue asks: relative 1e-9 wherever the tail is not vanishingly small.
    expect(Math.abs(got - sf) <= Math.max(1e-9 * sf, 1e-15), describeMiss(got, sf)).toBe(true);
  });
});
