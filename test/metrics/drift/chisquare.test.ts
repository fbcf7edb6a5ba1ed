import { describe, expect, it } from 'vitest';
import {
  alignCounts,
  categoryCounts,
  chiSquare,
  chiSquareSf,
  normalSf,
} from '../../../src/metrics/drift/index.js';
import { describeMiss, P_ABS, reference, relClose } from './reference.js';

// Reference values: scipy.stats.chi2_contingency(correction=False), chi2.sf, norm.sf.
describe('chiSquare matches scipy chi2_contingency(correction=False)', () => {
  it.each(reference.chiSquare)('$ref vs $cur', ({ ref, cur, statistic, pValue, dof }) => {
    const r = chiSquare(ref, cur);
    expect(r.dof).toBe(dof);
    expect(relClose(r.statistic, statistic), describeMiss(r.statistic, statistic)).toBe(true);
    expect(Math.abs((r.pValue as number) - pValue)).toBeLessThanOrEqual(P_ABS);
    // The survival function is accurate far into the tail, not just to 1e-6.
    expect(relClose(r.pValue as number, pValue, 1e-9), describeMiss(r.pValue as number, pValue)).toBe(true);
  });

  it('gives one category p = 1 and no drift', () => {
    expect(chiSquare([40, 0], [55, 0])).toMatchObject({ statistic: 0, pValue: 1, dof: 0, drift: false });
  });

  it('refuses misaligned, negative and all-zero counts', () => {
    expect(() => chiSquare([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => chiSquare([1, -2], [1, 2])).toThrow(/must be finite and >= 0/);
    expect(() => chiSquare([0, 0], [1, 2])).toThrow(/sums to 0/);
    expect(() => chiSquare([], [])).toThrow(/empty/);
  });
});

describe('categoryCounts and alignCounts feed chiSquare like the reference script', () => {
  const c = reference.categories;
  it('counts reference categories and puts current-only ones in other', () => {
    const ref = categoryCounts(c.ref);
    const cur = categoryCounts(c.cur, ref.categories);
    expect(ref).toEqual({ categories: c.categories, counts: c.refCounts, other: 0 });
    expect(cur).toEqual({ categories: c.categories, counts: c.curCounts, other: c.other });
    const aligned = alignCounts(ref, cur);
    expect(aligned.ref).toEqual([...c.refCounts, 0]);
    const r = chiSquare(aligned.ref, aligned.cur);
    expect(relClose(r.statistic, c.statistic)).toBe(true);
    expect(Math.abs((r.pValue as number) - c.pValue)).toBeLessThanOrEqual(P_ABS);
  });

  it('skips missing values and stringifies the rest', () => {
    expect(categoryCounts(['a', null, 1, undefined, true, 'a'])).toEqual({
      categories: ['1', 'a', 'true'],
      counts: [1, 2, 1],
      other: 0,
    });
  });

  it('leaves out the other bucket when nothing needs it, and refuses unaligned categories', () => {
    const ref = categoryCounts(['x', 'y']);
    expect(alignCounts(ref, categoryCounts(['y'], ref.categories))).toEqual({ ref: [1, 1], cur: [0, 1] });
    expect(() => alignCounts(ref, categoryCounts(['y']))).toThrow(RangeError);
  });
});

describe('chiSquareSf matches scipy chi2.sf', () => {
  it.each(reference.chi2Sf)('x = $x, df = $df', ({ x, df, sf }) => {
    const got = chiSquareSf(x, df);
    expect(Math.abs(got - sf) <= Math.max(1e-9 * sf, 1e-300), describeMiss(got, sf)).toBe(true);
  });
});

describe('normalSf matches scipy norm.sf', () => {
  it.each(reference.normalSf)('z = $z', ({ z, sf }) => {
    const got = normalSf(z);
    expect(Math.abs(got - sf) <= 1e-9 * sf, describeMiss(got, sf)).toBe(true);
  });
});
