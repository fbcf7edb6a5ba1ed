import { describe, expect, it } from 'vitest';
import { passAtK, passHatK } from '../../src/metrics/passk.js';
import { reference } from './reference.js';

// Reference values: exact binomials (test/fixtures/reference/stats/make_reference.py).
describe('pass@k and pass^k match exact binomial ratios', () => {
  it.each(reference.passk)('n=$n c=$c k=$k', ({ n, c, k, passAtK: at, passHatK: hat }) => {
    expect(Math.abs(passAtK(n, c, k) - at)).toBeLessThan(1e-9);
    expect(Math.abs(passHatK(n, c, k) - hat)).toBeLessThan(1e-9);
  });
});

describe('hand-verified values', () => {
  it('n=5, c=2, k=2: 1 − C(3,2)/C(5,2) = 1 − 3/10; pass^2 = C(2,2)/C(5,2) = 1/10', () => {
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    expect(passHatK(5, 2, 2)).toBeCloseTo(0.1, 12);
  });

  it('k = 1 is the plain pass rate for both', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
    expect(passHatK(10, 3, 1)).toBeCloseTo(0.3, 12);
  });

  it('saturates: more draws than failures always pass; more draws than passes never all pass', () => {
    expect(passAtK(5, 3, 3)).toBe(1);
    expect(passHatK(5, 2, 3)).toBe(0);
    expect(passAtK(5, 0, 5)).toBe(0);
    expect(passHatK(5, 5, 5)).toBe(1);
  });

  it('stays finite where the binomials overflow a double', () => {
    // C(2000, 1000) ≈ 2e600 overflows, the product form does not.
    expect(passAtK(2000, 1, 1000)).toBeCloseTo(0.5, 12);
    expect(passHatK(2000, 1999, 1000)).toBeCloseTo(0.5, 12);
  });

  it('rejects impossible inputs', () => {
    expect(() => passAtK(5, 6, 1)).toThrow(RangeError);
    expect(() => passAtK(5, 2, 0)).toThrow(RangeError);
    expect(() => passHatK(5, 2, 6)).toThrow(RangeError);
    expect(() => passHatK(5, 2.5, 1)).toThrow(RangeError);
  });
});
