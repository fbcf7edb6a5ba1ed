/**
 * Calibration of a binary classifier's probabilities. yScore is P(yTrue === posLabel), and the reliability
 * of that positive-class probability is measured, binned as scikit-learn's
 * calibration_curve(strategy='uniform') bins it: `bins` equal-width bins with edges k / bins (np.linspace),
 * closed on the right, (lower, upper], except the first, which also holds 0 (np.searchsorted on the inner
 * edges). Per bin, confidence is the mean yScore and accuracy the fraction of positives.
 *
 * This is the binary (positive-class) form. The top-label form of Guo et al. (2017), which bins
 * max(p, 1 - p) against whether the thresholded prediction was right, gives different numbers.
 */
import {
  checkBinary,
  checkNonEmpty,
  checkProbabilities,
  checkSameLength,
  type Label,
  type PosLabelOptions,
} from './labels.js';

export interface CalibrationOptions extends PosLabelOptions {
  /** Number of equal-width bins over [0, 1]. Default 15. */
  bins?: number;
}

/** One non-empty bin of a reliability diagram. */
export interface ReliabilityBin {
  /** 0-based index among all `bins` bins; empty bins are left out, so indices can skip. */
  bin: number;
  lower: number;
  upper: number;
  count: number;
  /** Mean yScore in the bin (calibration_curve's prob_pred). */
  meanConfidence: number;
  /** Fraction of positives in the bin (calibration_curve's prob_true). */
  accuracy: number;
  /** |accuracy - meanConfidence|. */
  gap: number;
}

function check(yTrue: readonly Label[], yScore: readonly number[], posLabel: Label): void {
  checkSameLength(['yTrue', 'yScore'], yTrue, yScore);
  checkNonEmpty('yTrue', yTrue);
  checkProbabilities('yScore', yScore);
  checkBinary([['yTrue', yTrue]], posLabel);
}

/** The reliability table: count, mean confidence and accuracy of every non-empty bin, in bin order. */
export function reliabilityTable(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: CalibrationOptions = {},
): ReliabilityBin[] {
  const posLabel = options.posLabel ?? 1;
  const bins = options.bins ?? 15;
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins is ${bins}: expected a positive integer`);
  check(yTrue, yScore, posLabel);
  // np.linspace(0, 1, bins + 1) computes each edge as k * step; the last is set to 1 exactly.
  const step = 1 / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? 1 : k * step));
  const count = new Array<number>(bins).fill(0);
  const scoreSum = new Array<number>(bins).fill(0);
  const positives = new Array<number>(bins).fill(0);
  yScore.forEach((p, i) => {
    const b = binOf(p, edges);
    count[b] = (count[b] as number) + 1;
    scoreSum[b] = (scoreSum[b] as number) + p;
    if (yTrue[i] === posLabel) positives[b] = (positives[b] as number) + 1;
  });
  const table: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n === 0) continue;
    const meanConfidence = (scoreSum[b] as number) / n;
    const accuracy = (positives[b] as number) / n;
    const gap = Math.abs(accuracy - meanConfidence);
    table.push({
      bin: b,
      lower: edges[b] as number,
      upper: edges[b + 1] as number,
      count: n,
      meanConfidence,
      accuracy,
      gap,
    });
  }
  return table;
}

/** np.searchsorted(edges[1:-1], p, side='left'): how many inner edges lie strictly below p. */
function binOf(p: number, edges: readonly number[]): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid + 1] as number) < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Expected calibration error: the mean of |accuracy - confidence| over bins, weighted by bin count. */
export function expectedCalibrationError(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: CalibrationOptions = {},
): number {
  const table = reliabilityTable(yTrue, yScore, options);
  let ece = 0;
  for (const b of table) ece += (b.count / yTrue.length) * b.gap;
  return ece;
}

/** Maximum calibration error: the largest |accuracy - confidence| over non-empty bins. */
export function maxCalibrationError(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: CalibrationOptions = {},
): number {
  return Math.max(...reliabilityTable(yTrue, yScore, options).map((b) => b.gap));
}

/** sklearn's brier_score_loss: mean squared difference between yScore and the 0/1 outcome. */
export function brierScore(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: PosLabelOptions = {},
): number {
  const posLabel = options.posLabel ?? 1;
  check(yTrue, yScore, posLabel);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += ((yTrue[i] === posLabel ? 1 : 0) - (yScore[i] as number)) ** 2;
  return s / yTrue.length;
}
