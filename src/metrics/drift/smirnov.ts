/** The exact one-sided one-sample Kolmogorov-Smirnov tail (scipy.special.smirnov). Pure maths, no I/O. */
import { binomialPmf } from './binomial.js';

/**
 * P(D+_n >= x) by the Birnbaum-Tingey sum
 *   sum_{v=0}^{floor(n(1-x))} C(n, v) x (x + v/n)^(v-1) (1 - x - v/n)^(n-v),
 * each term a binomial probability at p = x + v/n times x / p, so no binomial coefficient overflows
 * and none loses precision however large n is.
 */
export function smirnov(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const nx = n * x;
  const last = Math.floor(n * (1 - x));
  // v = 0: C(n, 0) x x^-1 (1 - x)^n.
  let sum = Math.exp(n * Math.log1p(-x));
  for (let v = 1; v <= last; v++) {
    const np = nx + v;
    const nq = n - v - nx;
    // The last term vanishes when n(1 - x) is an integer: 0^(n - v) with n - v > 0.
    if (!(nq > 0)) continue;
    sum += (binomialPmf(v, n, np, nq) * nx) / np;
  }
  return Math.min(1, sum);
}
