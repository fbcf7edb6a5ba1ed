/**
 * The default drift method for a column, by Evidently's documented rules
 * (https://docs.evidentlyai.com/reference/data-drift-algorithm, "Tabular Data"; the same rules as
 * evidently/calculations/stattests/registry.py, _get_default_stattest):
 *   reference <= 1000 rows: numerical with more than 5 unique values -> KS; otherwise chi-square,
 *     or the two-proportion Z test when there are at most 2 unique values;
 *   reference > 1000 rows: numerical with more than 5 unique values -> normed Wasserstein;
 *     otherwise Jensen-Shannon.
 * Tests then use a 0.95 confidence level (p < 0.05 drifts) and distances a 0.1 threshold.
 */
import type { DriftMethod } from './types.js';

export type ColumnKind = 'numerical' | 'categorical';

/** Rows in the reference up to which Evidently prefers statistical tests to distances. */
export const SMALL_REFERENCE_ROWS = 1000;
/** Unique values up to which Evidently treats a numerical column as categorical. */
export const FEW_UNIQUE_VALUES = 5;

/**
 * Evidently's default method for a column of `kind` with `nRef` reference rows and `nUnique` unique
 * values. Evidently counts unique values over reference and current together; pass that count.
 */
export function chooseMethod(kind: ColumnKind, nRef: number, nUnique: number): DriftMethod {
  if (!Number.isInteger(nRef) || nRef < 1)
    throw new RangeError(`nRef must be a positive integer; got ${nRef}`);
  if (!Number.isInteger(nUnique) || nUnique < 1) {
    throw new RangeError(`nUnique must be a positive integer; got ${nUnique}`);
  }
  const continuous = kind === 'numerical' && nUnique > FEW_UNIQUE_VALUES;
  if (nRef <= SMALL_REFERENCE_ROWS) {
    if (continuous) return 'ks';
    return nUnique > 2 ? 'chisquare' : 'z';
  }
  return continuous ? 'wasserstein' : 'jensenshannon';
}
