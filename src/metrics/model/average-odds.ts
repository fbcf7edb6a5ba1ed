/**
 * AIF360's average odds difference: ½[(FPR_unpriv − FPR_priv) + (TPR_unpriv − TPR_priv)]. Signed: below 0
 * the privileged group gets more positive predictions at equal truth. 0 is equality of odds.
 * As documented in github.com/Trusted-AI/AIF360, aif360/sklearn/metrics/metrics.py (average_odds_difference).
 */
import { countBinary } from './confusion.js';
import { checkBinary, checkNonEmpty, checkSameLength, type Label, type PosLabelOptions } from './labels.js';

export interface AverageOddsOptions extends PosLabelOptions {
  /** The group value of the privileged group. */
  privileged: Label;
  /**
   * The group value of the unprivileged group. Default: every sample outside the privileged group, as
   * aif360.sklearn.metrics does ("unprivileged group is taken to be the inverse of the privileged group").
   */
  unprivileged?: Label;
}

const rate = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/**
 * Average odds difference between an unprivileged and a privileged group. A rate with an empty
 * denominator is 0, as in the fairlearn metrics here; AIF360 itself gives NaN (ClassificationMetric) or,
 * for FPR, 1 − specificity = 1 (aif360.sklearn) when a group has no negatives.
 */
export function averageOddsDifference(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: AverageOddsOptions,
): number {
  const posLabel = options.posLabel ?? 1;
  checkSameLength(['yTrue', 'yPred', 'groups'], yTrue, yPred, groups);
  checkNonEmpty('yTrue', yTrue);
  checkBinary(
    [
      ['yTrue', yTrue],
      ['yPred', yPred],
    ],
    posLabel,
  );
  const { privileged, unprivileged } = options;
  const priv: number[] = [];
  const unpriv: number[] = [];
  groups.forEach((g, i) => {
    if (g === privileged) priv.push(i);
    else if (unprivileged === undefined || g === unprivileged) unpriv.push(i);
  });
  if (priv.length === 0)
    throw new RangeError(`no sample has the privileged group ${JSON.stringify(privileged)}`);
  if (unpriv.length === 0) {
    const which =
      unprivileged === undefined
        ? 'outside the privileged group'
        : `in group ${JSON.stringify(unprivileged)}`;
    throw new RangeError(`no sample is ${which}: average odds needs an unprivileged group`);
  }
  const p = countBinary(yTrue, yPred, posLabel, priv);
  const u = countBinary(yTrue, yPred, posLabel, unpriv);
  const fprDiff = rate(u.fp, u.fp + u.tn) - rate(p.fp, p.fp + p.tn);
  const tprDiff = rate(u.tp, u.tp + u.fn) - rate(p.tp, p.tp + p.fn);
  return (fprDiff + tprDiff) / 2;
}
