/**
 * Two-sample Kolmogorov-Smirnov test, scipy.stats.ks_2samp(ref, cur, method='auto') ported in full:
 * exact p-values while both samples have at most 10,000 values (scipy's MAX_AUTO_N), and beyond that
 * scipy's asymptotic branch, which is the one-sample two-sided distribution kstwo at
 * n = round(m n / (m + n)). Pure maths, no I/O.
 */
import { kolmogorovSf } from './kolmogorov.js';
import { probOutsideBand, probOutsideSquare } from './ks-exact.js';
import { clip01, roundHalfEven } from './numeric.js';
import { type DriftResult, type ThresholdOption, testResult } from './types.js';
import { checkSample } from './validate.js';

/** Sample sizes up to which 'auto' computes the exact distribution, as in scipy. */
export const KS_MAX_EXACT_N = 10_000;

export interface KsResult extends DriftResult {
  /** How the p-value was computed: scipy's 'exact' or 'asymp'. */
  mode: 'exact' | 'asymp';
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** D = max |F_ref - F_cur| over every observed value, with the same float steps as scipy's searchsorted form. */
export function ksStatistic(sortedA: readonly number[], sortedB: readonly number[]): number {
  const n1 = sortedA.length;
  const n2 = sortedB.length;
  let i = 0;
  let j = 0;
  let maxS = Number.NEGATIVE_INFINITY;
  let minS = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const a = i < n1 ? (sortedA[i] as number) : Number.POSITIVE_INFINITY;
    const b = j < n2 ? (sortedB[j] as number) : Number.POSITIVE_INFINITY;
    const x = Math.min(a, b);
    while (i < n1 && sortedA[i] === x) i++;
    while (j < n2 && sortedB[j] === x) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  return ksStatisticFromExtremes(maxS, minS);
}

/**
 * D from the largest and smallest F_ref - F_cur over the observed values, as scipy folds them
 * (max(maxS, clip(-minS, 0, 1))); lets a caller that found the extremes elsewhere (in SQL) get the same D.
 */
export function ksStatisticFromExtremes(maxDiff: number, minDiff: number): number {
  return Math.max(maxDiff, Math.min(Math.max(-minDiff, 0), 1));
}

/** Exact p-value on the lattice, or undefined where scipy's exact computation would give up. */
function exactPValue(n1: number, n2: number, g: number, h: number): number | undefined {
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  return Number.isFinite(p) && p >= 0 && p <= 1 ? p : undefined;
}

/** Two-sample KS test of `cur` against `ref`: statistic D, p-value as scipy's ks_2samp(method='auto'). */
export function ks2(ref: readonly number[], cur: readonly number[], options: ThresholdOption = {}): KsResult {
  checkSample('reference', ref);
  checkSample('current', cur);
  const a = [...ref].sort((x, y) => x - y);
  const b = [...cur].sort((x, y) => x - y);
  return ksTest(ksStatistic(a, b), a.length, b.length, options);
}

/**
 * The KS test from its statistic D and the sample sizes, by scipy's 'auto' rule: the exact lattice
 * distribution while both samples have at most KS_MAX_EXACT_N values (D snapped to the lattice, as scipy
 * reports it), else kstwo at round-half-even(n1 n2 / (n1 + n2)). ks2 ends here; so does a D from SQL.
 */
export function ksTest(statistic: number, n1: number, n2: number, options: ThresholdOption = {}): KsResult {
  for (const [name, n] of [
    ['n1', n1],
    ['n2', n2],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer; got ${n}`);
  }
  if (!(statistic >= 0 && statistic <= 1)) throw new RangeError(`D must lie in [0, 1]; got ${statistic}`);
  let d = statistic;
  if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    // scipy reports D snapped to the lattice it computed the probability on.
    d = h / lcm;
    const p = h === 0 ? 1 : exactPValue(n1, n2, g, h);
    if (p !== undefined) return { ...testResult('ks', d, p, options.threshold), mode: 'exact' };
  }
  const en = (Math.max(n1, n2) * Math.min(n1, n2)) / (n1 + n2);
  const p = clip01(kolmogorovSf(roundHalfEven(en), d));
  return { ...testResult('ks', d, p, options.threshold), mode: 'asymp' };
}
