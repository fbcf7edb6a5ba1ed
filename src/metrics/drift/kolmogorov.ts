/**
 * The two-sided one-sample Kolmogorov-Smirnov distribution: P(D_n >= x) for a sample of n, the
 * distribution scipy's `kstwo` implements (scipy/stats/_ksstats.py, after Simard and L'Ecuyer 2011),
 * ported branch for branch so ks_2samp's asymptotic p-values agree with scipy. Pure maths, no I/O.
 */

import { STIRLING } from './gamma.js';
import { durbinMatrixCdf, pelzGoodCdf, pomeranzCdf } from './kolmogorov-methods.js';
import { clip01, polyval } from './numeric.js';
import { smirnov } from './smirnov.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** ln(n! / n^n) by Stirling, with n ln n taken out before it can cancel. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * polyval(STIRLING, rn / n);
}

/** P(D_n >= x), scipy's `kstwo.sf(x, n)` for an integer n >= 1. */
export function kolmogorovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben and Gambino: for 1/2n <= x <= 1/n the CDF is n!/n^n (2t - 1)^n.
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - clip01(cdf));
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  // Above 1/2 the two one-sided tails cannot both be crossed, so the two-sided tail is twice one of them.
  if (x >= 0.5) return clip01(2 * smirnov(n, x));
  const nxx = t * x;
  if (n <= 140) {
    if (nxx <= 0.754693) return clip01(1 - durbinMatrixCdf(n, x));
    if (nxx <= 4) return clip01(1 - pomeranzCdf(n, x));
    return clip01(2 * smirnov(n, x));
  }
  if (nxx >= 370) return 0;
  if (nxx >= 2.2) return clip01(2 * smirnov(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip01(1 - cdf);
}
