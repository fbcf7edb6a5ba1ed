/**
 * The entry points that finish a statistic computed elsewhere (in SQL): ksTest, wassersteinFromParts
 * and andersonFromMidrank must give what the whole-sample functions give, and refuse what cannot be a
 * statistic. And the default thresholds, with where each comes from.
 */
import { describe, expect, it } from 'vitest';
import {
  andersonFromMidrank,
  andersonKSample,
  DEFAULT_THRESHOLDS,
  DRIFT_METHODS,
  ks2,
  ksTest,
  populationStd,
  TEST_METHODS,
  wassersteinDistance,
  wassersteinFromParts,
  wassersteinNormed,
} from '../../../src/metrics/drift/index.js';
import { data, reference } from './reference.js';

describe('ksTest from D, n and m', () => {
  it.each(reference.ks)('$ref vs $cur: the same result as ks2', ({ ref, cur }) => {
    const whole = ks2(data(ref), data(cur));
    // ks2 snaps D to the lattice in exact mode; ksTest given that D answers the same.
    expect(ksTest(whole.statistic, data(ref).length, data(cur).length)).toEqual(whole);
  });

  it('refuses sizes and statistics that cannot be', () => {
    expect(() => ksTest(0.5, 0, 3)).toThrow(/n1 must be a positive integer/);
    expect(() => ksTest(0.5, 3, 2.5)).toThrow(/n2 must be a positive integer/);
    expect(() => ksTest(1.5, 3, 3)).toThrow(/D must lie in \[0, 1\]/);
    expect(() => ksTest(Number.NaN, 3, 3)).toThrow(RangeError);
  });
});

describe('wassersteinFromParts', () => {
  it.each(reference.wasserstein)('$ref vs $cur: the same result as wassersteinNormed', ({ ref, cur }) => {
    const parts = wassersteinFromParts(wassersteinDistance(data(ref), data(cur)), populationStd(data(ref)));
    expect(parts).toEqual(wassersteinNormed(data(ref), data(cur)));
  });

  it('refuses a non-finite or negative part', () => {
    expect(() => wassersteinFromParts(Number.POSITIVE_INFINITY, 1)).toThrow(/distance must be finite/);
    expect(() => wassersteinFromParts(1, Number.NaN)).toThrow(/referenceStd must be finite/);
    expect(() => wassersteinFromParts(-1, 1)).toThrow(RangeError);
  });
});

describe('andersonFromMidrank', () => {
  it('answers p = 1 for one distinct value without reading the statistic, and refuses N < 4', () => {
    expect(andersonFromMidrank(Number.NaN, [2, 3], 1)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(() => andersonFromMidrank(1, [1, 2], 2)).toThrow(/at least 4 values/);
    expect(() => andersonFromMidrank(Number.NaN, [5, 5], 3)).toThrow(/A2akN must be finite/);
    expect(() => andersonFromMidrank(1, [5], 3)).toThrow(/at least two samples/);
  });

  it('is what andersonKSample ends in', () => {
    const r = andersonKSample([data('ad_1'), data('ad_2')]);
    expect(r.statistic).not.toBe(0);
    expect(andersonFromMidrank(Number.NaN, [25, 30], 1).criticalValues).toEqual(r.criticalValues);
  });
});

describe('default thresholds', () => {
  it("are Evidently's: 0.05 for ks, chisquare and z, 0.1 for anderson and every distance", () => {
    // evidently/calculations/stattests: registry.py (StatTest default_threshold 0.05),
    // anderson_darling_stattest.py, wasserstein_distance_norm.py, jensenshannon.py, psi.py, kl_div.py (0.1).
    expect(DEFAULT_THRESHOLDS).toEqual({
      ks: 0.05,
      chisquare: 0.05,
      z: 0.05,
      wasserstein: 0.1,
      jensenshannon: 0.1,
      psi: 0.1,
      kl: 0.1,
      linf: 0.1,
      anderson: 0.1,
    });
    expect(DRIFT_METHODS).toEqual(Object.keys(DEFAULT_THRESHOLDS));
    expect(TEST_METHODS).toEqual(['ks', 'chisquare', 'z', 'anderson']);
  });
});
