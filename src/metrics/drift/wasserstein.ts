/**
 * Wasserstein-1 distance between two samples normed by the reference's standard deviation, as
 * Evidently's wasserstein_distance_norm: scipy.stats.wasserstein_distance(ref, cur) / max(std(ref), 0.001).
 * Pure maths, no I/O.
 */
import { fsum } from './numeric.js';
import { type DriftResult, distanceResult, type ThresholdOption } from './types.js';
import { checkSample } from './validate.js';

/** Evidently's floor on the norm: a constant reference still gives a finite, large distance to a moved one. */
export const MIN_NORM = 0.001;

export interface WassersteinResult extends DriftResult {
  /** The un-normed distance, in the column's own units. */
  distance: number;
  /** The reference's population standard deviation (numpy's np.std, ddof 0). */
  referenceStd: number;
}

/** The area between the two empirical CDFs (scipy's wasserstein_distance without weights). */
export function wassersteinDistance(ref: readonly number[], cur: readonly number[]): number {
  checkSample('reference', ref);
  checkSample('current', cur);
  const u = [...ref].sort((x, y) => x - y);
  const v = [...cur].sort((x, y) => x - y);
  const all = [...u, ...v].sort((x, y) => x - y);
  const terms: number[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const x = all[k] as number;
    while (i < u.length && (u[i] as number) <= x) i++;
    while (j < v.length && (v[j] as number) <= x) j++;
    const delta = (all[k + 1] as number) - x;
    if (delta !== 0) terms.push(Math.abs(i / u.length - j / v.length) * delta);
  }
  return fsum(terms);
}

/** Population standard deviation, two-pass like numpy. */
export function populationStd(values: readonly number[]): number {
  const mean = fsum(values) / values.length;
  return Math.sqrt(fsum(values.map((x) => (x - mean) ** 2)) / values.length);
}

/** Normed Wasserstein distance; identical samples (a constant column included) give 0 and no drift. */
export function wassersteinNormed(
  ref: readonly number[],
  cur: readonly number[],
  options: ThresholdOption = {},
): WassersteinResult {
  return wassersteinFromParts(wassersteinDistance(ref, cur), populationStd(ref), options);
}

/**
 * The normed result from the un-normed distance and the reference's population standard deviation,
 * found elsewhere (in SQL); the same arithmetic as wassersteinNormed.
 */
export function wassersteinFromParts(
  distance: number,
  referenceStd: number,
  options: ThresholdOption = {},
): WassersteinResult {
  if (!(distance >= 0) || !Number.isFinite(distance))
    throw new RangeError(`distance must be finite and >= 0; got ${distance}`);
  if (!(referenceStd >= 0) || !Number.isFinite(referenceStd))
    throw new RangeError(`referenceStd must be finite and >= 0; got ${referenceStd}`);
  const statistic = distance / Math.max(referenceStd, MIN_NORM);
  return { ...distanceResult('wasserstein', statistic, options.threshold), distance, referenceStd };
}
