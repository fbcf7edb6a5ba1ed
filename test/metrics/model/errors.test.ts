import { describe, expect, it } from 'vitest';
import {
  accuracy,
  brierScore,
  confusionMatrix,
  demographicParityDifference,
  equalizedOddsDifference,
  expectedCalibrationError,
  f1,
  groupRates,
  logLoss,
  meanSquaredError,
  precision,
  r2Score,
  rocAuc,
  selectionRate,
} from '../../../src/metrics/model/index.js';

describe('bad input throws a RangeError that says what is wrong', () => {
  it('mismatched lengths name both arrays', () => {
    expect(() => accuracy([1, 0, 1], [1, 0])).toThrow(/yPred has 2 values but yTrue has 3/);
    expect(() => rocAuc([1, 0], [0.3])).toThrow(/yScore has 1 values but yTrue has 2/);
    expect(() => groupRates([1, 0], [1, 0], ['a'])).toThrow(/groups has 1 values but yTrue has 2/);
    expect(() => meanSquaredError([1], [1, 2])).toThrow(RangeError);
  });

  it('empty inputs', () => {
    for (const fn of [
      () => accuracy([], []),
      () => precision([], []),
      () => confusionMatrix([], []),
      () => rocAuc([], []),
      () => logLoss([], []),
      () => brierScore([], []),
      () => meanSquaredError([], []),
      () => r2Score([], []),
      () => selectionRate([]),
      () => demographicParityDifference([], []),
    ]) {
      expect(fn).toThrow(/is empty/);
    }
  });

  it('labels that are not binary where a binary metric is asked', () => {
    expect(() => precision([0, 1, 2], [0, 1, 1])).toThrow(/3 distinct labels \(0, 1, 2\).*binary/);
    expect(() => rocAuc([0, 1, 2], [0.1, 0.5, 0.9])).toThrow(/binary/);
    expect(() => logLoss([0, 1, 2], [0.1, 0.5, 0.9])).toThrow(/binary/);
    expect(() => expectedCalibrationError([0, 1, 2], [0.1, 0.5, 0.9])).toThrow(/binary/);
    expect(() => equalizedOddsDifference([0, 1, 2], [0, 1, 1], ['a', 'b', 'a'])).toThrow(/binary/);
  });

  it('a posLabel that is not among two present labels', () => {
    expect(() => f1(['a', 'b'], ['a', 'b'])).toThrow(
      /posLabel 1 is not one of the labels of yTrue and yPred \("a", "b"\)/,
    );
    expect(f1(['a', 'b'], ['a', 'b'], { posLabel: 'b' })).toBe(1);
  });

  it('labels that mix numbers and strings, or are NaN', () => {
    expect(() => accuracy([1, '1'], [1, 1])).not.toThrow();
    expect(() => confusionMatrix([1, '1'], [1, 1])).toThrow(/mix numbers and strings/);
    expect(() => confusionMatrix([1, Number.NaN], [1, 1])).toThrow(/yTrue\[1\] is NaN/);
  });

  it('scores that are not finite, probabilities outside [0, 1]', () => {
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(/yScore\[1\] is NaN/);
    expect(() => brierScore([0, 1], [-0.1, 0.5])).toThrow(/must lie in \[0, 1\]/);
    expect(() => r2Score([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(/yTrue\[1\] is Infinity/);
  });
});

describe('undefined cases return documented numbers, never NaN', () => {
  it('single-class and degenerate inputs', () => {
    const values = [
      precision([0, 0], [0, 0]),
      f1([1, 1], [0, 0]),
      precision([0, 1, 2], [0, 0, 0], { average: 'macro' }),
      logLoss([1], [0]),
      brierScore([0, 0], [0, 0]),
      expectedCalibrationError([1], [1]),
      r2Score([3, 3], [3, 4]),
      demographicParityDifference([0, 0], ['a', 'b']),
    ];
    for (const v of values) expect(Number.isNaN(v)).toBe(false);
    expect(values[0]).toBe(0);
    expect(values[6]).toBe(0);
  });
});

describe('selection-rate disparities name the arguments the caller passed', () => {
  it('speaks of yPred and groups, not of a yTrue the caller never gave', () => {
    expect(() => demographicParityDifference([1, 0], ['a'])).toThrow(/groups has 1 values but yPred has 2/);
    expect(() => demographicParityDifference([0, 1, 2], ['a', 'a', 'b'])).toThrow(
      /yPred hold 3 distinct labels/,
    );
  });
});
