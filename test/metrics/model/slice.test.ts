import { describe, expect, it } from 'vitest';
import {
  accuracy,
  brierScore,
  bySlice,
  f1,
  meanSquaredError,
  r2Score,
  rocAuc,
} from '../../../src/metrics/model/index.js';
import { expectClose, reference } from './reference.js';

describe('bySlice computes any metric per group, like MetricFrame.by_group', () => {
  const c = reference.slices[0]!;
  const want = c.perGroup;

  it('groups come back sorted with their counts', () => {
    const got = bySlice(accuracy, c.groups, c.yTrue, c.yPred);
    expect(got.map((s) => [s.group, s.count])).toEqual(want.map((w) => [w.group, w.count]));
  });

  it.each([
    ['accuracy', bySlice(accuracy, c.groups, c.yTrue, c.yPred), 'accuracy'],
    ['f1', bySlice((t, p) => f1(t, p), c.groups, c.yTrue, c.yPred), 'f1'],
    ['brier', bySlice(brierScore, c.groups, c.yTrue, c.yScore), 'brier'],
    ['mse on scores', bySlice(meanSquaredError, c.groups, c.yTrue, c.yScore), 'mse'],
  ] as const)('%s', (_name, got, key) => {
    got.forEach((s, i) => {
      expectClose(s.value, want[i]![key], `${s.group} ${key}`);
    });
  });

  it('leaves ROC AUC undefined on a slice with one class', () => {
    const got = bySlice(rocAuc, c.groups, c.yTrue, c.yScore);
    got.forEach((s, i) => {
      const w = want[i]!.rocAuc;
      if (w === null) expect(s.value).toBeUndefined();
      else expectClose(s.value!, w, `${s.group} roc auc`);
    });
    expect(got.some((s) => s.value === undefined)).toBe(true);
  });

  it("names the slice when a metric's input check fails there", () => {
    expect(() => bySlice(r2Score, ['a', 'a', 'b'], [1, 2, 3], [1, 2, 3])).toThrow(
      /slice "b": R² is not defined/,
    );
  });

  it('refuses columns of a different length from groups', () => {
    expect(() => bySlice(accuracy, ['a', 'b'], [1, 0], [1])).toThrow(
      /columns\[1\] has 1 values but groups has 2/,
    );
  });
});
