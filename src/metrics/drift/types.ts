/** Result shape and default thresholds shared by every drift method. Pure maths, no I/O. */

/** Drift methods by their short names (Evidently's where Evidently has the method). */
export type DriftMethod =
  | 'ks'
  | 'chisquare'
  | 'z'
  | 'wasserstein'
  | 'jensenshannon'
  | 'psi'
  | 'kl'
  | 'linf'
  | 'anderson';

/**
 * One column's drift verdict. Tests (ks, chisquare, z, anderson) carry `pValue` and drift when
 * `pValue < threshold`; distances carry no p-value and drift when `statistic >= threshold`, as in Evidently.
 * Every number is finite: inputs that would make scipy answer NaN or Infinity are either defined by a
 * documented convention (a constant column: p = 1, distance 0) or rejected with a RangeError.
 */
export interface DriftResult {
  method: DriftMethod;
  statistic: number;
  pValue?: number;
  threshold: number;
  drift: boolean;
}

export interface ThresholdOption {
  /** The p-value below which (tests) or the distance from which (distances) a column has drifted. */
  threshold?: number;
}

/**
 * Evidently's defaults: 0.05 for p-values, 0.1 for its distances (KL, PSI, Jensen-Shannon, normed
 * Wasserstein). L-infinity is not an Evidently method; 0.1 keeps it in line with the other distances.
 */
export const DEFAULT_THRESHOLDS = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  anderson: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
  kl: 0.1,
  linf: 0.1,
} as const satisfies Record<DriftMethod, number>;

/** A test's result: drift when the p-value falls below the threshold. */
export function testResult(
  method: DriftMethod,
  statistic: number,
  pValue: number,
  threshold: number = DEFAULT_THRESHOLDS[method],
): DriftResult {
  return { method, statistic, pValue, threshold, drift: pValue < threshold };
}

/** A distance's result: drift when the distance reaches the threshold. */
export function distanceResult(
  method: DriftMethod,
  statistic: number,
  threshold: number = DEFAULT_THRESHOLDS[method],
): DriftResult {
  return { method, statistic, threshold, drift: statistic >= threshold };
}
