/**
 * Model metrics from prediction arrays: classification and regression quality, per-slice metrics, group
 * fairness and calibration. Pure maths, no I/O; parity with scikit-learn 1.2 and the fairlearn and AIF360
 * definitions is tested against test/fixtures/reference/model/.
 */
export { type AverageOddsOptions, averageOddsDifference } from './average-odds.js';
export {
  brierScore,
  type CalibrationOptions,
  expectedCalibrationError,
  maxCalibrationError,
  type ReliabilityBin,
  reliabilityTable,
} from './calibration.js';
export {
  type Average,
  accuracy,
  f1,
  type PrfOptions,
  type PrfScore,
  precision,
  precisionRecallF1,
  recall,
} from './classification.js';
export { type BinaryCounts, binaryCounts, type ConfusionMatrix, confusionMatrix } from './confusion.js';
export { disparateImpact, type FourFifthsOptions, passesFourFifths } from './disparate-impact.js';
export {
  type DisparityMethod,
  type DisparityOptions,
  demographicParityDifference,
  demographicParityRatio,
  type EqualizedOddsOptions,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
} from './fairness.js';
export { type GroupRates, groupRates, overallRates, selectionRate } from './group-rates.js';
export type { Label, PosLabelOptions } from './labels.js';
export { LOG_LOSS_EPS, logLoss, type MulticlassLogLossOptions, multiclassLogLoss } from './log-loss.js';
export { meanAbsoluteError, meanSquaredError, r2Score } from './regression.js';
export { type RocCurve, rocAuc, rocCurve } from './roc.js';
export { bySlice, type Slice } from './slice.js';
