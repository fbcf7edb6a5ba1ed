/**
 * Anderson-Darling k-sample test, scipy.stats.anderson_ksamp(samples, midrank=True): Scholz and
 * Stephens' (1987) midrank statistic, normalised, and scipy's approximate p-value from a quadratic fit
 * of log(significance) to the critical values of their Table 2. Like scipy, the p-value is capped at
 * 0.25 and floored at 0.001: beyond the table it is not known more closely. Pure maths, no I/O.
 */

import { CompensatedSum, fsum, polyval } from './numeric.js';
import { leastSquaresQuadratic } from './polyfit.js';
import { type DriftResult, type ThresholdOption, testResult } from './types.js';
import { checkSample } from './validate.js';

/** The significance levels of scipy's critical values, 25% down to 0.1%. */
export const AD_SIGNIFICANCE = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001] as const;

const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

export interface AndersonResult extends DriftResult {
  /** Critical values of the normalised statistic at AD_SIGNIFICANCE. */
  criticalValues: number[];
}

function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A2akN, equation 7 of Scholz and Stephens: the version for ties, on midranks. */
function midrankStatistic(
  samples: readonly (readonly number[])[],
  z: readonly number[],
  distinct: readonly number[],
): number {
  const N = z.length;
  const left = distinct.map((x) => lowerBound(z, x));
  const ties = distinct.map((x, j) => upperBound(z, x) - (left[j] as number));
  const B = distinct.map((_, j) => (left[j] as number) + (ties[j] as number) / 2);
  let total = 0;
  for (const sample of samples) {
    const s = [...sample].sort((a, b) => a - b);
    const n = s.length;
    const inner = distinct.map((x, j) => {
      const right = upperBound(s, x);
      const M = right - (right - lowerBound(s, x)) / 2;
      const l = ties[j] as number;
      const b = B[j] as number;
      return ((l / N) * (N * M - b * n) ** 2) / (b * (N - b) - (N * l) / 4);
    });
    total += fsum(inner) / n;
  }
  return (total * (N - 1)) / N;
}

/** The variance of A2akN under the null (Scholz and Stephens, equation 4), as scipy computes it. */
function nullVariance(sizes: readonly number[], N: number): number {
  const k = sizes.length;
  const H = fsum(sizes.map((n) => 1 / n));
  // scipy: hs_cs = cumsum(1 / arange(N - 1, 1, -1)); h = hs_cs[-1] + 1; g = sum(hs_cs / arange(2, N)).
  // The terms are generated, not stored: N is the pooled row count, and memory must not grow with it.
  let cs = 0;
  const gSum = new CompensatedSum();
  for (let i = 0; i < N - 2; i++) {
    cs += 1 / (N - 1 - i);
    gSum.add(cs / (i + 2));
  }
  const h = cs + 1;
  const g = gSum.value;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  return (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
}

/**
 * k-sample Anderson-Darling test (k >= 2). All values equal (a constant column, where scipy raises) is
 * defined as statistic 0, p = 1, no drift; fewer than 4 values in all, where scipy's variance divides by
 * zero, is a RangeError.
 */
export function andersonKSample(
  samples: readonly (readonly number[])[],
  options: ThresholdOption = {},
): AndersonResult {
  if (samples.length < 2) {
    throw new RangeError(`andersonKSample needs at least two samples; got ${samples.length}`);
  }
  for (const [i, s] of samples.entries()) checkSample(`samples[${i}]`, s);
  const z = samples.flat().sort((a, b) => a - b);
  const distinct = z.filter((x, i) => i === 0 || x !== z[i - 1]);
  const sizes = samples.map((s) => s.length);
  // Only computed when it is defined: one distinct value or fewer than 4 values end in andersonFromMidrank.
  const a2kn = distinct.length < 2 || z.length < 4 ? 0 : midrankStatistic(samples, z, distinct);
  return andersonFromMidrank(a2kn, sizes, distinct.length, options);
}

/**
 * The test from Scholz and Stephens' midrank statistic A2akN (equation 7, computed elsewhere: in SQL
 * from per-value counts), the sample sizes and the number of distinct values over all samples. The same
 * conventions as andersonKSample: one distinct value is statistic 0, p = 1; fewer than 4 values a RangeError.
 */
export function andersonFromMidrank(
  a2kn: number,
  sizes: readonly number[],
  distinct: number,
  options: ThresholdOption = {},
): AndersonResult {
  if (sizes.length < 2)
    throw new RangeError(`andersonKSample needs at least two samples; got ${sizes.length}`);
  for (const [i, n] of sizes.entries()) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`sizes[${i}] must be a positive integer; got ${n}`);
  }
  const m = sizes.length - 1;
  const criticalValues = B0.map((b0, i) => b0 + (B1[i] as number) / Math.sqrt(m) + (B2[i] as number) / m);
  const N = fsum(sizes);
  if (distinct < 2) return { ...testResult('anderson', 0, 1, options.threshold), criticalValues };
  if (N < 4) throw new RangeError(`andersonKSample needs at least 4 values in all; got ${N}`);
  if (!Number.isFinite(a2kn)) throw new RangeError(`A2akN must be finite; got ${a2kn}`);
  const statistic = (a2kn - m) / Math.sqrt(nullVariance(sizes, N));
  let p: number;
  if (statistic < Math.min(...criticalValues)) p = AD_SIGNIFICANCE[0];
  else if (statistic > Math.max(...criticalValues)) p = AD_SIGNIFICANCE[AD_SIGNIFICANCE.length - 1] as number;
  else p = Math.exp(polyval(leastSquaresQuadratic(criticalValues, AD_SIGNIFICANCE.map(Math.log)), statistic));
  return { ...testResult('anderson', statistic, p, options.threshold), criticalValues };
}
