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
 * Default thresholds, each from Evidently's source (evidently/calculations/stattests/*.py, the
 * `default_threshold` of each registered StatTest):
 * - ks, chisquare, z: none set, so the StatTest dataclass default 0.05 (registry.py) applies: p < 0.05;
 * - anderson: 0.1 (anderson_darling_stattest.py sets default_threshold=0.1, unlike the other tests);
 * - wasserstein (normed), jensenshannon, psi, kl (kl_div): 0.1 each (wasserstein_distance_norm.py,
 *   jensenshannon.py, psi.py, kl_div.py); distances drift at statistic >= threshold.
 * - linf: not an Evidently method (Vertex AI monitoring uses L-infinity for categorical features but
 *   documents no default); 0.1 keeps it in line with the other distances.
 */
export const DEFAULT_THRESHOLDS = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
  kl: 0.1,
  linf: 0.1,
  anderson: 0.1,
} as const satisfies Record<DriftMethod, number>;

/** Every method, in DriftMethod's order. */
export const DRIFT_METHODS = Object.keys(DEFAULT_THRESHOLDS) as DriftMethod[];

/** Methods that give a p-value (drift when it falls below the threshold); the rest are distances. */
export const TEST_METHODS: readonly DriftMethod[] = ['ks', 'chisquare', 'z', 'anderson'];

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
