/**
 * The binomial probability C(n, k) p^k (1 - p)^(n - k) to full relative precision for any n, by
 * Loader's saddle-point form ("Fast and accurate computation of binomial probabilities", 2000): the
 * log-factorials never appear, so nothing of size n log n cancels. Pure maths, no I/O.
 */
import { stirlingCorrection } from './gamma.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** ln(n!) - [(n + 1/2) ln n - n + ln(2 pi)/2] for an integer n >= 1. */
function stirlerr(n: number): number {
  if (n >= 15) return stirlingCorrection(n);
  let factorial = 1;
  for (let i = 2; i <= n; i++) factorial *= i;
  return Math.log(factorial) - (n + 0.5) * Math.log(n) + n - LOG_2PI / 2;
}

/** The deviance term k ln(k / m) + m - k, by its series when k is close to m. */
function bd0(k: number, m: number): number {
  if (Math.abs(k - m) < 0.1 * (k + m)) {
    let v = (k - m) / (k + m);
    let s = (k - m) * v;
    let ej = 2 * k * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return k * Math.log(k / m) + m - k;
}

/**
 * P(K = k) for K ~ Binomial(n, p), given n p and n (1 - p) directly so callers can form them without
 * the cancellation of 1 - p. Requires 0 < k < n.
 */
export function binomialPmf(k: number, n: number, np: number, nq: number): number {
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, np) - bd0(n - k, nq);
  const lf = LOG_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}
