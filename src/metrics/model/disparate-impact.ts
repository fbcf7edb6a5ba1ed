/**
 * Disparate impact and the four-fifths rule of the US EEOC Uniform Guidelines (29 CFR 1607.4(D)): a
 * selection rate for any group below 80% of the highest group's rate is evidence of adverse impact.
 */
import { demographicParityRatio } from './fairness.js';
import type { Label, PosLabelOptions } from './labels.js';

export interface FourFifthsOptions extends PosLabelOptions {
  /** The lowest acceptable disparate impact. Default 0.8. */
  threshold?: number;
}

/**
 * Lowest group selection rate over the highest (fairlearn's demographic_parity_ratio, between groups);
 * 1 when every group's selection rate is 0.
 */
export function disparateImpact(
  yPred: readonly Label[],
  groups: readonly Label[],
  options: PosLabelOptions = {},
): number {
  return demographicParityRatio(yPred, groups, { ...options, method: 'between_groups' });
}

// Rates are ratios of counts, so a ratio that is exactly 4/5 on paper can land a few ulps below 0.8.
const TOLERANCE = 1e-12;

/** True when the disparate impact reaches the threshold (default 0.8, the 80% rule). */
export function passesFourFifths(
  yPred: readonly Label[],
  groups: readonly Label[],
  options: FourFifthsOptions = {},
): boolean {
  const threshold = options.threshold ?? 0.8;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new RangeError(`threshold is ${threshold}: it must lie in [0, 1]`);
  }
  return disparateImpact(yPred, groups, options) >= threshold - TOLERANCE;
}
