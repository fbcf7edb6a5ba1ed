/**
 * Accuracy, precision, recall and F1 as scikit-learn computes them with `zero_division=0`: a ratio whose
 * denominator is zero (no predicted positives for precision, no true positives for recall) is 0, never NaN.
 */
import { confusionMatrix, countBinary } from './confusion.js';
import { checkBinary, checkNonEmpty, checkSameLength, type Label, type PosLabelOptions } from './labels.js';

/**
 * How per-class scores combine, as sklearn's `average`: 'binary' scores `posLabel` only; 'macro' is the
 * unweighted mean over the labels present in yTrue or yPred; 'weighted' weights that mean by each label's
 * support (its count in yTrue); 'micro' pools the counts of all labels first.
 */
export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

export interface PrfOptions extends PosLabelOptions {
  /** Default 'binary', which needs binary labels; `posLabel` is ignored by the other averages. */
  average?: Average;
}

export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Fraction of samples whose predicted label equals the true one (any number of classes). */
export function accuracy(yTrue: readonly Label[], yPred: readonly Label[]): number {
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkNonEmpty('yTrue', yTrue);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

// sklearn's _prf_divide with zero_division=0.
const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

function score(tp: number, predicted: number, actual: number): PrfScore {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, actual);
  // sklearn computes F from P and R (not from counts) and sets it to 0 when both are 0.
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Precision, recall and F1 together, like sklearn's precision_recall_fscore_support with an average. */
export function precisionRecallF1(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrfOptions = {},
): PrfScore {
  const average = options.average ?? 'binary';
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkNonEmpty('yTrue', yTrue);
  if (average === 'binary') {
    const posLabel = options.posLabel ?? 1;
    checkBinary(
      [
        ['yTrue', yTrue],
        ['yPred', yPred],
      ],
      posLabel,
    );
    const c = countBinary(yTrue, yPred, posLabel);
    return score(c.tp, c.tp + c.fp, c.tp + c.fn);
  }
  const { matrix } = confusionMatrix(yTrue, yPred);
  const k = matrix.length;
  const tp = matrix.map((row, i) => row[i] ?? 0);
  const actual = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = matrix.map((_, j) => matrix.reduce((a, row) => a + (row[j] ?? 0), 0));
  if (average === 'micro') return score(sum(tp), sum(predicted), sum(actual));
  const perClass = tp.map((t, i) => score(t, predicted[i] as number, actual[i] as number));
  // Every label present in yTrue or yPred is a class here, so the total support is n > 0.
  const weights = average === 'weighted' ? actual : perClass.map(() => 1);
  const total = sum(weights);
  const mean = (key: keyof PrfScore) => {
    let s = 0;
    for (let i = 0; i < k; i++) s += (perClass[i] as PrfScore)[key] * (weights[i] as number);
    return s / total;
  };
  return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}

/** sklearn's precision_score(zero_division=0): TP / (TP + FP), 0 when nothing is predicted positive. */
export function precision(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrfOptions = {},
): number {
  return precisionRecallF1(yTrue, yPred, options).precision;
}

/** sklearn's recall_score(zero_division=0): TP / (TP + FN), 0 when no sample is truly positive. */
export function recall(yTrue: readonly Label[], yPred: readonly Label[], options: PrfOptions = {}): number {
  return precisionRecallF1(yTrue, yPred, options).recall;
}

/** sklearn's f1_score(zero_division=0): harmonic mean of precision and recall, 0 when both are 0. */
export function f1(yTrue: readonly Label[], yPred: readonly Label[], options: PrfOptions = {}): number {
  return precisionRecallF1(yTrue, yPred, options).f1;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
