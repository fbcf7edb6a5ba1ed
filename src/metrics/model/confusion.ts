/** Confusion matrices: the counts every classification and fairness metric is built from. */
import {
  checkBinary,
  checkNonEmpty,
  checkSameLength,
  type Label,
  type PosLabelOptions,
  sortedLabels,
} from './labels.js';

export interface ConfusionMatrix {
  /** Row and column order: sorted like np.unique unless given. */
  labels: Label[];
  /** `matrix[i][j]`: samples whose true label is `labels[i]` and predicted label is `labels[j]`. */
  matrix: number[][];
}

/**
 * scikit-learn's confusion_matrix: rows are true labels, columns predicted ones, both in sorted label order
 * (or `labels` as given; samples whose labels are not listed are left out, as sklearn does).
 */
export function confusionMatrix(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  labels?: readonly Label[],
): ConfusionMatrix {
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkNonEmpty('yTrue', yTrue);
  const present = sortedLabels([
    ['yTrue', yTrue],
    ['yPred', yPred],
  ]);
  const order = labels ? [...labels] : present;
  if (order.length === 0) throw new RangeError('labels is empty: at least one label is needed');
  if (new Set(order).size !== order.length) throw new RangeError('labels contains duplicates');
  const index = new Map(order.map((l, i) => [l, i]));
  const matrix = order.map(() => order.map(() => 0));
  for (let k = 0; k < yTrue.length; k++) {
    const i = index.get(yTrue[k] as Label);
    const j = index.get(yPred[k] as Label);
    if (i !== undefined && j !== undefined) (matrix[i] as number[])[j] = (matrix[i]?.[j] ?? 0) + 1;
  }
  return { labels: order, matrix };
}

/** The four cells of a binary confusion matrix. */
export interface BinaryCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** True/false positives/negatives with `posLabel` (default 1) as the positive class; labels must be binary. */
export function binaryCounts(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PosLabelOptions = {},
): BinaryCounts {
  const posLabel = options.posLabel ?? 1;
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkNonEmpty('yTrue', yTrue);
  checkBinary(
    [
      ['yTrue', yTrue],
      ['yPred', yPred],
    ],
    posLabel,
  );
  return countBinary(yTrue, yPred, posLabel);
}

/** The counting loop without the checks, for callers that validated the whole arrays once. */
export function countBinary(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  posLabel: Label,
  rows?: readonly number[],
): BinaryCounts {
  const c: BinaryCounts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const n = rows ? rows.length : yTrue.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const actual = yTrue[i] === posLabel;
    const predicted = yPred[i] === posLabel;
    if (actual && predicted) c.tp++;
    else if (actual) c.fn++;
    else if (predicted) c.fp++;
    else c.tn++;
  }
  return c;
}
