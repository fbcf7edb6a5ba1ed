import { describe, expect, it } from 'vitest';
import {
  accuracy,
  binaryCounts,
  confusionMatrix,
  f1,
  precision,
  precisionRecallF1,
  recall,
} from '../../../src/metrics/model/index.js';
import { expectClose, reference } from './reference.js';

describe('binary classification matches sklearn (zero_division=0)', () => {
  it.each(reference.binary.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const opts = { posLabel: c.posLabel };
    expectClose(accuracy(c.yTrue, c.yPred), c.accuracy, 'accuracy');
    expectClose(precision(c.yTrue, c.yPred, opts), c.precision, 'precision');
    expectClose(recall(c.yTrue, c.yPred, opts), c.recall, 'recall');
    expectClose(f1(c.yTrue, c.yPred, opts), c.f1, 'f1');
    expect(confusionMatrix(c.yTrue, c.yPred)).toEqual(c.confusion);
  });

  it('gives precision 0, not NaN, when nothing is predicted positive', () => {
    const c = reference.binary.find((b) => b.name === 'no predicted positives')!;
    expect(precision(c.yTrue, c.yPred)).toBe(0);
    expect(f1(c.yTrue, c.yPred)).toBe(0);
  });

  it('counts the four cells with posLabel as the positive class', () => {
    expect(binaryCounts([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])).toEqual({ tp: 2, fn: 1, fp: 1, tn: 1 });
    expect(binaryCounts([1, 1, 0, 0, 1], [1, 0, 1, 0, 1], { posLabel: 0 })).toEqual({
      tp: 1,
      fn: 1,
      fp: 1,
      tn: 2,
    });
  });
});

describe('multiclass averages match sklearn', () => {
  it.each(reference.multiclass.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expectClose(accuracy(c.yTrue, c.yPred), c.accuracy, 'accuracy');
    for (const average of ['macro', 'micro', 'weighted'] as const) {
      const got = precisionRecallF1(c.yTrue, c.yPred, { average });
      for (const key of ['precision', 'recall', 'f1'] as const) {
        expectClose(got[key], c[average][key], `${average} ${key}`);
      }
    }
    expect(confusionMatrix(c.yTrue, c.yPred)).toEqual(c.confusion);
  });

  it('sorts numeric labels as numbers, as np.unique does', () => {
    const c = reference.multiclass.find((m) => m.name.startsWith('labels 9'))!;
    expect(confusionMatrix(c.yTrue, c.yPred).labels.slice(-3)).toEqual([9, 10, 11]);
  });

  it('keeps the given label order and leaves out unlisted labels', () => {
    const cm = confusionMatrix(['b', 'a', 'c', 'a'], ['b', 'b', 'a', 'a'], ['b', 'a']);
    expect(cm).toEqual({
      labels: ['b', 'a'],
      matrix: [
        [1, 0],
        [1, 1],
      ],
    });
  });
});
