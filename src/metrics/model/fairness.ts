/**
 * Group fairness disparities with fairlearn's definitions (fairlearn.metrics demographic_parity_*,
 * equalized_odds_*, equal_opportunity_*, and MetricFrame.difference / ratio): a difference is the largest
 * minus the smallest group rate (method 'between_groups', the default) or the largest |group - overall|
 * ('to_overall'); a ratio is the smallest over the largest group rate, or the smallest group/overall
 * ratio folded below 1. Taken from fairlearn's docstrings and code (github.com/fairlearn/fairlearn,
 * fairlearn/metrics/_fairness_metrics.py, _base_metrics.py, _disaggregated_result.py).
 *
 * Where fairlearn divides 0 by 0 (every group's rate is 0) and returns NaN, the ratio here is 1: the
 * groups are equal, which is what a ratio of 1 means.
 */
import { type GroupRates, groupRates, overallRates } from './group-rates.js';
import { checkBinary, checkNonEmpty, checkSameLength, type Label, type PosLabelOptions } from './labels.js';

export type DisparityMethod = 'between_groups' | 'to_overall';

export interface DisparityOptions extends PosLabelOptions {
  /** Default 'between_groups', fairlearn's default. */
  method?: DisparityMethod;
}

export interface EqualizedOddsOptions extends DisparityOptions {
  /** 'worst_case' (default): the larger TPR/FPR difference, or the smaller ratio; 'mean': their mean. */
  agg?: 'worst_case' | 'mean';
}

type Rate = 'selectionRate' | 'tpr' | 'fpr';

function safeRatio(num: number, den: number): number {
  // den is the largest (or overall) rate, so den = 0 means every rate is 0: parity, not NaN.
  if (den === 0) return num === 0 ? 1 : 0;
  return num / den;
}

function disparity(
  kind: 'difference' | 'ratio',
  rate: Rate,
  groups: GroupRates[],
  overall: () => GroupRates,
  method: DisparityMethod,
): number {
  const values = groups.map((g) => g[rate]);
  if (method === 'between_groups') {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return kind === 'difference' ? hi - lo : safeRatio(lo, hi);
  }
  const o = overall()[rate];
  if (kind === 'difference') return Math.max(...values.map((v) => Math.abs(v - o)));
  // fairlearn's ratio_sub_one: a group above the overall rate counts by the inverse ratio.
  return Math.min(...values.map((v) => safeRatio(v, o)).map((r) => (r > 1 ? 1 / r : r)));
}

function predictionDisparity(
  kind: 'difference' | 'ratio',
  yPred: readonly Label[],
  groups: readonly Label[],
  options: DisparityOptions,
): number {
  // Check under the caller's names first: yPred stands in for the y_true that fairlearn takes and ignores.
  checkSameLength(['yPred', 'groups'], yPred, groups);
  checkNonEmpty('yPred', yPred);
  checkBinary([['yPred', yPred]], options.posLabel ?? 1);
  const rates = groupRates(yPred, yPred, groups, options);
  return disparity(
    kind,
    'selectionRate',
    rates,
    () => overallRates(yPred, yPred, options),
    options.method ?? 'between_groups',
  );
}

function outcomeDisparity(
  kind: 'difference' | 'ratio',
  which: readonly Rate[],
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: EqualizedOddsOptions,
): number {
  const rates = groupRates(yTrue, yPred, groups, options);
  const overall = () => overallRates(yTrue, yPred, options);
  const each = which.map((r) => disparity(kind, r, rates, overall, options.method ?? 'between_groups'));
  if (options.agg === 'mean') return each.reduce((a, b) => a + b, 0) / each.length;
  return kind === 'difference' ? Math.max(...each) : Math.min(...each);
}

/** fairlearn's demographic_parity_difference: spread of the groups' selection rates; 0 is parity. */
export function demographicParityDifference(
  yPred: readonly Label[],
  groups: readonly Label[],
  options: DisparityOptions = {},
): number {
  return predictionDisparity('difference', yPred, groups, options);
}

/** fairlearn's demographic_parity_ratio: smallest over largest group selection rate; 1 is parity. */
export function demographicParityRatio(
  yPred: readonly Label[],
  groups: readonly Label[],
  options: DisparityOptions = {},
): number {
  return predictionDisparity('ratio', yPred, groups, options);
}

/** fairlearn's equalized_odds_difference: the larger of the TPR and FPR differences (agg 'worst_case'). */
export function equalizedOddsDifference(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: EqualizedOddsOptions = {},
): number {
  return outcomeDisparity('difference', ['tpr', 'fpr'], yTrue, yPred, groups, options);
}

/** fairlearn's equalized_odds_ratio: the smaller of the TPR and FPR ratios (agg 'worst_case'). */
export function equalizedOddsRatio(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: EqualizedOddsOptions = {},
): number {
  return outcomeDisparity('ratio', ['tpr', 'fpr'], yTrue, yPred, groups, options);
}

/** fairlearn's equal_opportunity_difference: spread of the groups' true positive rates. */
export function equalOpportunityDifference(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: DisparityOptions = {},
): number {
  return outcomeDisparity('difference', ['tpr'], yTrue, yPred, groups, options);
}

/** fairlearn's equal_opportunity_ratio: smallest over largest group true positive rate. */
export function equalOpportunityRatio(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  groups: readonly Label[],
  options: DisparityOptions = {},
): number {
  return outcomeDisparity('ratio', ['tpr'], yTrue, yPred, groups, options);
}
