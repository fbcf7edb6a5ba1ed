import { describe, expect, it } from 'vitest';
import { jensenShannon, klDivergence, lInfinity, psi } from '../../../src/metrics/drift/index.js';
import { smoothZeros } from '../../../src/metrics/drift/smoothing.js';
import { describeMiss, reference, relClose } from './reference.js';

// Reference values: scipy jensenshannon and entropy, Evidently's PSI formula and smoothing.
describe('binned distances match scipy and Evidently', () => {
  it.each(reference.distributions)('$p vs $q', (c) => {
    const checks: [string, number, number][] = [
      ['jensenShannon base e', jensenShannon(c.p, c.q, { base: Math.E }).statistic, c.jensenShannon],
      ['jensenShannon (base 2, the default)', jensenShannon(c.p, c.q).statistic, c.jensenShannonBase2],
      ['kl', klDivergence(c.p, c.q).statistic, c.kl],
      ['psi', psi(c.p, c.q).statistic, c.psi],
      ['lInfinity', lInfinity(c.p, c.q).statistic, c.lInfinity],
    ];
    for (const [name, got, want] of checks) {
      // Identical inputs can leave 1e-17 of rounding where scipy has 1e-17 of its own.
      const ok = want === 0 ? Math.abs(got) < 1e-15 : relClose(got, want);
      expect(ok, `${name}: ${describeMiss(got, want)}`).toBe(true);
    }
  });

  it('uses Evidently thresholds: drift from 0.1', () => {
    const r = psi([0.5, 0.5], [0.2, 0.8]);
    expect(r).toMatchObject({ method: 'psi', threshold: 0.1, drift: true });
    expect(jensenShannon([1, 1], [1, 1])).toMatchObject({ statistic: 0, drift: false });
  });

  it('never returns Infinity where a bin is empty on one side', () => {
    for (const f of [klDivergence, psi, jensenShannon, lInfinity]) {
      expect(Number.isFinite(f([1, 0], [0, 1]).statistic)).toBe(true);
    }
  });

  it('smooths as Evidently: 0.0001, or the smallest share / 1e6 when that is at most 0.0001', () => {
    expect(smoothZeros([0.5, 0, 0.5])).toEqual([0.5, 0.0001, 0.5]);
    expect(smoothZeros([0.99995, 0.00005, 0])).toEqual([0.99995, 0.00005, 0.00005 / 1e6]);
  });

  it('refuses mismatched, negative and empty distributions', () => {
    expect(() => psi([1, 2], [1])).toThrow(RangeError);
    expect(() => klDivergence([1, -1], [1, 1])).toThrow(RangeError);
    expect(() => jensenShannon([0, 0], [1, 1])).toThrow(/sums to 0/);
  });
});
