import { describe, expect, it } from 'vitest';
import { meanAbsoluteError, meanSquaredError, r2Score } from '../../../src/metrics/model/index.js';
import { expectClose, reference } from './reference.js';

describe('regression metrics match sklearn', () => {
  it.each(reference.regression.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expectClose(meanSquaredError(c.yTrue, c.yPred), c.mse, 'mse');
    expectClose(meanAbsoluteError(c.yTrue, c.yPred), c.mae, 'mae');
    expectClose(r2Score(c.yTrue, c.yPred), c.r2, 'r2');
  });

  it("applies sklearn's constant-yTrue rule: 1 for perfect predictions, else 0", () => {
    expect(r2Score([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2Score([2, 2, 2], [2, 2.5, 2])).toBe(0);
  });

  it('applies the rule where sklearn, by rounding, does not', () => {
    const c = reference.regression.find((r) => r.sklearnR2 !== undefined)!;
    expect(c.sklearnR2).toBeLessThan(-1e20);
    expect(r2Score(c.yTrue, c.yPred)).toBe(0);
  });

  it('throws for one sample, where sklearn returns NaN', () => {
    expect(() => r2Score([1], [1])).toThrow(/fewer than two samples/);
  });
});
