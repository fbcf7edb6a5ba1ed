/**
 * Multiple-testing corrections for the p-values of many columns, giving adjusted p-values like
 * statsmodels' multipletests (method='bonferroni' and 'fdr_bh'). Compare adjusted p-values with the
 * usual threshold. Pure maths, no I/O.
 */

function checkPValues(pValues: readonly number[]): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] is ${p}: p-values lie in [0, 1]`);
  });
}

/** Bonferroni: each p-value times the number of tests, capped at 1. No p-values give none. */
export function bonferroni(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  return pValues.map((p) => Math.min(p * m, 1));
}

/**
 * Benjamini-Hochberg (false discovery rate): p_(i) * m / i on the sorted p-values, made monotone from
 * the largest down, capped at 1, returned in the input order. No p-values give none.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted: number[] = new Array(m);
  let running = Number.POSITIVE_INFINITY;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r] as number;
    // statsmodels divides by the ECDF factor (r + 1) / m rather than multiplying by m / (r + 1).
    running = Math.min(running, (pValues[i] as number) / ((r + 1) / m));
    adjusted[i] = Math.min(running, 1);
  }
  return adjusted;
}
