/**
 * Per-group selection rate, true positive rate and false positive rate: what fairlearn's disparity metrics
 * compare. fairlearn takes TPR and FPR from sklearn's confusion_matrix(normalize='true'), which turns an
 * empty row into 0 (nan_to_num); so here too a group with no true positives has TPR 0 and a group with no
 * true negatives has FPR 0, never NaN.
 */
import { countBinary } from './confusion.js';
import { checkBinary, checkNonEmpty, checkSameLength, type Label, type PosLabelOptions } from './labels.js';
import { groupRows } from './slice.js';

/** The rates of one group (or of all samples, for `overallRates`). */
export interface GroupRates {
  group: Label;
  count: number;
  /** Samples whose true label is posLabel / is not. */
  positives: number;
  negatives: number;
  /** P(ŷ = pos): fairlearn's selection_rate. */
  selectionRate: number;
  /** P(ŷ = pos | y = pos), 0 when the group has no positives. */
  tpr: number;
  /** P(ŷ = pos | y ≠ pos), 0 when the group has no negatives. */
  fpr: number;
}

const rate = (num: number, den: number): number => (den === 0 ? 0 : num / den);

function ratesOf(
  group: Label,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  posLabel: Label,
  rows?: number[],
) {
  const c = countBinary(yTrue, yPred, posLabel, rows);
  const count = c.tp + c.fp + c.tn + c.fn;
  return {
    group,
    count,
    positives: c.tp + c.fn,
    negatives: c.fp + c.tn,
    selectionRate: (c.tp + c.fp) / count,
    tpr: rate(c.tp, c.tp + c.fn),
    fpr: rate(c.fp, c.fp + c.tn),
  };
}

function check(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  posLabel: Label,
  groups?: readonly Label[],
): void {
  if (groups) checkSameLength(['yTrue', 'yPred', 'groups'], yTrue, yPred, groups);
  else checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkNonEmpty('yTrue', yTrue);
  checkBinary(
    [
      ['yTrue', yTrue],
      ['yPred', yPred],
    ],
    posLabel,
  );
}

/** Selection rate, TPR and FPR of every group, groups sorted; labels must be binary (posLabel default 1). */
export function groupRates(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: PosLabelOptions = {},
): GroupRates[] {
  const posLabel = options.posLabel ?? 1;
  check(yTrue, yPred, posLabel, groups);
  return groupRows(groups).map(({ group, rows }) => ratesOf(group, yTrue, yPred, posLabel, rows));
}

/** The same rates over all samples (fairlearn's MetricFrame.overall); `group` is the empty string. */
export function overallRates(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PosLabelOptions = {},
): GroupRates {
  const posLabel = options.posLabel ?? 1;
  check(yTrue, yPred, posLabel);
  return ratesOf('', yTrue, yPred, posLabel);
}

/** fairlearn's selection_rate: the fraction of predictions equal to posLabel (default 1); yPred must be binary. */
export function selectionRate(yPred: readonly Label[], options: PosLabelOptions = {}): number {
  const posLabel = options.posLabel ?? 1;
  checkNonEmpty('yPred', yPred);
  checkBinary([['yPred', yPred]], posLabel);
  let selected = 0;
  for (const p of yPred) if (p === posLabel) selected++;
  return selected / yPred.length;
}
