/**
 * Log loss (cross-entropy) as scikit-learn 1.2 computes it (the python3-sklearn of Debian 12 that made
 * the fixtures): probabilities are clipped to [eps, 1 - eps] with eps = float64 machine epsilon
 * (`eps='auto'`, 2.220446049250313e-16; it was 1e-15 before 1.2), each row is renormalised to sum to 1,
 * and the natural-log loss is averaged over samples. A probability of exactly 0 for the true class thus
 * costs -ln(2.22e-16) = 36.04, never Infinity.
 */
import {
  checkBinary,
  checkNonEmpty,
  checkProbabilities,
  checkSameLength,
  type Label,
  type PosLabelOptions,
  sortedLabels,
} from './labels.js';

/** The clipping bound: float64 machine epsilon, numpy's np.finfo(np.float64).eps. */
export const LOG_LOSS_EPS = Number.EPSILON;

const clip = (p: number): number => Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);

/**
 * Binary log loss from yScore = P(yTrue === posLabel) (default posLabel 1). The two classes are known
 * from posLabel, so a yTrue holding one class is scored (sklearn needs `labels=[0, 1]` for that case).
 */
export function logLoss(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: PosLabelOptions = {},
): number {
  const posLabel = options.posLabel ?? 1;
  checkSameLength(['yTrue', 'yScore'], yTrue, yScore);
  checkNonEmpty('yTrue', yTrue);
  checkProbabilities('yScore', yScore);
  checkBinary([['yTrue', yTrue]], posLabel);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = clip(yScore[i] as number);
    const q = 1 - p;
    // sklearn clips p, builds the row [1 - p, p] and renormalises it; keep the same arithmetic.
    total -= Math.log((yTrue[i] === posLabel ? p : q) / (q + p));
  }
  return total / yTrue.length;
}

export interface MulticlassLogLossOptions {
  /** The classes, in the order of yProba's columns. Default: the sorted labels of yTrue (sklearn's order). */
  labels?: readonly Label[];
}

/** Multiclass log loss from one row of class probabilities per sample, columns in sorted label order. */
export function multiclassLogLoss(
  yTrue: readonly Label[],
  yProba: readonly (readonly number[])[],
  options: MulticlassLogLossOptions = {},
): number {
  checkSameLength(['yTrue', 'yProba'], yTrue, yProba);
  checkNonEmpty('yTrue', yTrue);
  const labels = options.labels ? [...options.labels] : sortedLabels([['yTrue', yTrue]]);
  if (labels.length < 2) {
    throw new RangeError(
      `log loss needs at least two classes but ${options.labels ? 'labels' : 'yTrue'} has ${labels.length}: pass labels`,
    );
  }
  const column = new Map(labels.map((l, i) => [l, i]));
  let total = 0;
  yProba.forEach((row, i) => {
    if (row.length !== labels.length) {
      throw new RangeError(`yProba[${i}] has ${row.length} columns but there are ${labels.length} classes`);
    }
    checkProbabilities(`yProba[${i}]`, row);
    const j = column.get(yTrue[i] as Label);
    if (j === undefined)
      throw new RangeError(`yTrue[${i}] is ${JSON.stringify(yTrue[i])}, which is not in labels`);
    let rowSum = 0;
    for (const p of row) rowSum += clip(p);
    total -= Math.log(clip(row[j] as number) / rowSum);
  });
  return total / yTrue.length;
}
