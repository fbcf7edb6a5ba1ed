/**
 * Chi-square test of homogeneity of category counts: scipy.stats.chi2_contingency(correction=False)
 * on the 2 x k table [reference; current]. Pure maths, no I/O.
 */
import { chiSquareSf } from './gamma.js';
import { fsum } from './numeric.js';
import { type DriftResult, type ThresholdOption, testResult } from './types.js';
import { checkAligned, checkWeights } from './validate.js';

export interface ChiSquareResult extends DriftResult {
  /** Degrees of freedom: categories seen in either sample, minus one. */
  dof: number;
}

/**
 * Pearson's statistic and p-value for counts aligned category by category. Categories empty in both
 * samples are dropped first (scipy refuses a zero expected count); one category left means dof 0,
 * statistic 0 and p = 1, as scipy answers.
 */
export function chiSquare(
  refCounts: readonly number[],
  curCounts: readonly number[],
  options: ThresholdOption = {},
): ChiSquareResult {
  checkAligned(refCounts, curCounts);
  const refTotal = checkWeights('reference counts', refCounts);
  const curTotal = checkWeights('current counts', curCounts);
  const total = refTotal + curTotal;
  const terms: number[] = [];
  let categories = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i] as number;
    const c = curCounts[i] as number;
    const column = r + c;
    if (column === 0) continue;
    categories++;
    const expectedRef = (refTotal * column) / total;
    const expectedCur = (curTotal * column) / total;
    terms.push((r - expectedRef) ** 2 / expectedRef, (c - expectedCur) ** 2 / expectedCur);
  }
  const dof = categories - 1;
  if (dof === 0) return { ...testResult('chisquare', 0, 1, options.threshold), dof };
  const statistic = fsum(terms);
  return { ...testResult('chisquare', statistic, chiSquareSf(statistic, dof), options.threshold), dof };
}
