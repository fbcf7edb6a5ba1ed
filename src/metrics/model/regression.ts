/** Regression errors and R², as scikit-learn's mean_squared_error, mean_absolute_error and r2_score. */
import { checkFinite, checkNonEmpty, checkSameLength } from './labels.js';

function check(yTrue: readonly number[], yPred: readonly number[]): void {
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkNonEmpty('yTrue', yTrue);
  checkFinite('yTrue', yTrue);
  checkFinite('yPred', yPred);
}

/** Mean of the squared errors. */
export function meanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  check(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += ((yTrue[i] as number) - (yPred[i] as number)) ** 2;
  return s / yTrue.length;
}

/** Mean of the absolute errors. */
export function meanAbsoluteError(yTrue: readonly number[], yPred: readonly number[]): number {
  check(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs((yTrue[i] as number) - (yPred[i] as number));
  return s / yTrue.length;
}

/**
 * sklearn's r2_score (force_finite=True): 1 - SS_res / SS_tot. When yTrue is constant (SS_tot = 0) the
 * ratio is undefined and sklearn's rule applies: 1.0 if the predictions are perfect (SS_res = 0), else 0.0.
 * Fewer than two samples throw, where sklearn warns and returns NaN.
 *
 * Constancy is tested exactly (every yTrue equal) rather than by SS_tot === 0: sklearn's mean of, say,
 * three 0.1s is not exactly 0.1, so its SS_tot comes out near 1e-33 and it returns about -5e29 instead
 * of applying its own rule. Here that case returns 0, as the rule intends.
 */
export function r2Score(yTrue: readonly number[], yPred: readonly number[]): number {
  check(yTrue, yPred);
  if (yTrue.length < 2) throw new RangeError('R² is not defined for fewer than two samples');
  let mean = 0;
  for (const v of yTrue) mean += v;
  mean /= yTrue.length;
  let ssRes = 0;
  let ssTot = 0;
  let constant = true;
  for (let i = 0; i < yTrue.length; i++) {
    ssRes += ((yTrue[i] as number) - (yPred[i] as number)) ** 2;
    ssTot += ((yTrue[i] as number) - mean) ** 2;
    if (yTrue[i] !== yTrue[0]) constant = false;
  }
  if (ssRes === 0) return 1;
  // SS_tot can still underflow to 0 for values 1e-170 apart; never divide by it then.
  if (constant || ssTot === 0) return 0;
  return 1 - ssRes / ssTot;
}
