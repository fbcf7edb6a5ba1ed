/** The ROC curve and the area under it, for a binary classifier's scores, as scikit-learn computes them. */
import {
  checkBinary,
  checkFinite,
  checkNonEmpty,
  checkSameLength,
  type Label,
  type PosLabelOptions,
} from './labels.js';

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Descending; the first is +Infinity, the point (0, 0) where nothing is predicted positive. */
  thresholds: number[];
}

/**
 * sklearn's roc_curve(drop_intermediate=False): one point per distinct score, taken from the highest
 * down, so tied scores move the curve diagonally at once. Undefined (and `undefined` here, where sklearn
 * warns and returns NaN rates) when yTrue holds a single class.
 */
export function rocCurve(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: PosLabelOptions = {},
): RocCurve | undefined {
  const posLabel = options.posLabel ?? 1;
  checkSameLength(['yTrue', 'yScore'], yTrue, yScore);
  checkNonEmpty('yTrue', yTrue);
  checkFinite('yScore', yScore);
  checkBinary([['yTrue', yTrue]], posLabel);
  const order = yScore.map((_, i) => i).sort((a, b) => (yScore[b] as number) - (yScore[a] as number));
  const tps: number[] = [0];
  const fps: number[] = [0];
  const thresholds: number[] = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  order.forEach((i, k) => {
    if (yTrue[i] === posLabel) tp++;
    else fp++;
    const next = order[k + 1];
    // A point only where the score changes: all samples tied at a threshold cross it together.
    if (next === undefined || yScore[next] !== yScore[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(yScore[i] as number);
    }
  });
  if (tp === 0 || fp === 0) return undefined;
  return { fpr: fps.map((f) => f / fp), tpr: tps.map((t) => t / tp), thresholds };
}

/**
 * sklearn's roc_auc_score for binary labels: the trapezoidal area under the ROC curve, which with ties
 * equals the Mann-Whitney U statistic over n_pos * n_neg (a tied pair counts one half). `undefined` when
 * yTrue holds a single class, where sklearn raises "Only one class present in y_true".
 */
export function rocAuc(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: PosLabelOptions = {},
): number | undefined {
  const curve = rocCurve(yTrue, yScore, options);
  if (!curve) return undefined;
  const { fpr, tpr } = curve;
  let area = 0;
  for (let i = 1; i < fpr.length; i++) {
    area +=
      (((fpr[i] as number) - (fpr[i - 1] as number)) * ((tpr[i] as number) + (tpr[i - 1] as number))) / 2;
  }
  return area;
}
