/**
 * Distances between two binned distributions (counts or proportions, bin for bin): Jensen-Shannon
 * distance, KL divergence, PSI and L-infinity. Each input is normalised to proportions first, so
 * counts and shares give the same answer. Pure maths, no I/O.
 */
import { normalize } from './numeric.js';
import { smoothZeros } from './smoothing.js';
import { type DriftResult, distanceResult, type ThresholdOption } from './types.js';
import { checkAligned, checkWeights } from './validate.js';

function proportions(p: readonly number[], q: readonly number[]): [number[], number[]] {
  checkAligned(p, q);
  return [normalize(p, checkWeights('reference', p)), normalize(q, checkWeights('current', q))];
}

/** scipy.special.rel_entr for x >= 0, y > 0 wherever x > 0 (which callers guarantee). */
function relEntr(x: number, y: number): number {
  return x > 0 ? x * Math.log(x / y) : 0;
}

export interface JensenShannonOptions extends ThresholdOption {
  /**
   * Logarithm base. Default 2, as Evidently computes it, so its 0.1 threshold means the same here
   * (scipy's own default is e, which gives distances 1/sqrt(ln 2) ≈ 1.2011 times smaller).
   */
  base?: number;
}

/** Jensen-Shannon distance (the square root of the divergence), scipy's jensenshannon with base 2: 0 to 1. */
export function jensenShannon(
  p: readonly number[],
  q: readonly number[],
  options: JensenShannonOptions = {},
): DriftResult {
  const [pn, qn] = proportions(p, q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = ((pn[i] as number) + (qn[i] as number)) / 2;
    left += relEntr(pn[i] as number, m);
    right += relEntr(qn[i] as number, m);
  }
  let js = left + right;
  js /= Math.log(options.base ?? 2);
  // Rounding can leave identical distributions a hair below zero, where sqrt would give NaN.
  return distanceResult('jensenshannon', Math.sqrt(Math.max(js / 2, 0)), options.threshold);
}

/** KL divergence D(ref || cur) in nats, scipy.stats.entropy(p, q) after Evidently's empty-bin smoothing. */
export function klDivergence(
  p: readonly number[],
  q: readonly number[],
  options: ThresholdOption = {},
): DriftResult {
  const [pn, qn] = proportions(p, q);
  const ps = smoothZeros(pn);
  const qs = smoothZeros(qn);
  const [pk, qk] = [normalize(ps, sum(ps)), normalize(qs, sum(qs))];
  let kl = 0;
  for (let i = 0; i < pk.length; i++) kl += relEntr(pk[i] as number, qk[i] as number);
  return distanceResult('kl', Math.max(kl, 0), options.threshold);
}

/** Population stability index sum((ref - cur) ln(ref / cur)) over smoothed shares, as Evidently computes it. */
export function psi(p: readonly number[], q: readonly number[], options: ThresholdOption = {}): DriftResult {
  const [pn, qn] = proportions(p, q);
  const ps = smoothZeros(pn);
  const qs = smoothZeros(qn);
  let value = 0;
  for (let i = 0; i < ps.length; i++) {
    const a = ps[i] as number;
    const b = qs[i] as number;
    value += (a - b) * Math.log(a / b);
  }
  return distanceResult('psi', value, options.threshold);
}

/** L-infinity distance: the largest absolute difference between the two shares of any bin. */
export function lInfinity(
  p: readonly number[],
  q: readonly number[],
  options: ThresholdOption = {},
): DriftResult {
  const [pn, qn] = proportions(p, q);
  let value = 0;
  for (let i = 0; i < pn.length; i++)
    value = Math.max(value, Math.abs((pn[i] as number) - (qn[i] as number)));
  return distanceResult('linf', value, options.threshold);
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
