import { describe, expect, it } from 'vitest';
import { rocAuc, rocCurve } from '../../../src/metrics/model/index.js';
import { expectClose, reference } from './reference.js';

describe('ROC AUC matches sklearn roc_auc_score', () => {
  const twoClass = reference.binary.filter((c) => c.rocAuc !== null);

  it.each(twoClass.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const auc = rocAuc(c.yTrue, c.yScore, { posLabel: c.posLabel });
    expect(auc).toBeDefined();
    expectClose(auc!, c.rocAuc!, 'roc auc');
    // The script checked sklearn against scipy's Mann-Whitney U; tied pairs count one half in both.
    expectClose(auc!, c.mannWhitneyAuc!, 'Mann-Whitney U / (n_pos n_neg)');
  });

  it('counts a tied positive/negative pair as one half', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 0, 1, 1], [0.2, 0.6, 0.6, 0.9])).toBe(0.875);
  });

  it('is undefined, not NaN, when yTrue holds one class', () => {
    const c = reference.binary.find((b) => b.rocAuc === null)!;
    expect(rocAuc(c.yTrue, c.yScore)).toBeUndefined();
    expect(rocCurve(c.yTrue, c.yScore)).toBeUndefined();
  });
});

describe('ROC curve matches sklearn roc_curve(drop_intermediate=False)', () => {
  const withPoints = reference.binary.filter((c) => c.roc);

  it.each(withPoints.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const curve = rocCurve(c.yTrue, c.yScore, { posLabel: c.posLabel })!;
    expect(curve.fpr.length).toBe(c.roc!.fpr.length);
    curve.fpr.forEach((v, i) => {
      expectClose(v, c.roc!.fpr[i]!, `fpr[${i}]`);
    });
    curve.tpr.forEach((v, i) => {
      expectClose(v, c.roc!.tpr[i]!, `tpr[${i}]`);
    });
    expect(curve.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    expect(curve.thresholds.slice(1)).toEqual(c.roc!.thresholds);
  });

  it('covers a dataset with tied scores', () => {
    expect(withPoints.some((c) => c.name.startsWith('ties'))).toBe(true);
  });
});
