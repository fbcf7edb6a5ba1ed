/**
 * Two-proportion Z test for a binary column, as Evidently's z_stattest defines it: the share of the
 * second category in each sample, a pooled proportion for the standard error, and a two-sided p-value
 * from the normal survival function. Pure maths, no I/O.
 */
import { normalSf } from './gamma.js';
import { type DriftResult, type ThresholdOption, testResult } from './types.js';
import { checkAligned, checkWeights } from './validate.js';

/**
 * Z test on the counts of a binary column, `[first, second]` in the same category order in both
 * samples (Evidently orders the keys and tests the share of values that are not the first). A column
 * with one category in both samples (pooled share 0 or 1) has no variance: z = 0, p = 1.
 */
export function zTest(
  refCounts: readonly number[],
  curCounts: readonly number[],
  options: ThresholdOption = {},
): DriftResult {
  checkAligned(refCounts, curCounts);
  if (refCounts.length > 2) {
    throw new RangeError(`zTest takes the counts of a binary column; got ${refCounts.length} categories`);
  }
  const n1 = checkWeights('reference counts', refCounts);
  const n2 = checkWeights('current counts', curCounts);
  const p1 = (refCounts[1] ?? 0) / n1;
  const p2 = (curCounts[1] ?? 0) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return testResult('z', 0, 1, options.threshold);
  const z = (p1 - p2) / Math.sqrt(variance);
  return testResult('z', z, 2 * normalSf(Math.abs(z)), options.threshold);
}
