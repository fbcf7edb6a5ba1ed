/**
 * Input checks shared by the drift methods. Bad input throws a RangeError that names the argument, so
 * a NaN never leaks out of a statistic into a report.
 */

/** Throws unless `values` is a non-empty array of finite numbers. */
export function checkSample(name: string, values: readonly number[]): void {
  if (values.length === 0) throw new RangeError(`${name} is empty: drift needs at least one value`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] is ${values[i]}: drift needs finite numbers (drop nulls first)`);
    }
  }
}

/** Throws unless `weights` are finite, non-negative and not all zero. */
export function checkWeights(name: string, weights: readonly number[]): number {
  if (weights.length === 0)
    throw new RangeError(`${name} is empty: drift needs at least one bin or category`);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`${name}[${i}] is ${w}: counts and proportions must be finite and >= 0`);
    }
    total += w;
  }
  if (total === 0) throw new RangeError(`${name} sums to 0: there is nothing to compare`);
  return total;
}

/** Throws unless the two arrays line up bin for bin. */
export function checkAligned(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `reference has ${a.length} bins or categories and current ${b.length}: align them first (binCounts, categoryCounts)`,
    );
  }
}
