/**
 * Evidently's treatment of empty bins for PSI and KL divergence (get_binned_data with feel_zeroes):
 * a zero share becomes 0.0001, or the smallest non-zero share divided by 10^6 when that share is itself
 * at most 0.0001, so a ratio never divides by zero. Shares are not renormalised afterwards (PSI uses
 * them as they are; scipy's entropy renormalises for KL). Pure maths, no I/O.
 */

/** Evidently's fill for an empty bin when every non-empty bin holds more than this share. */
export const EMPTY_BIN_SHARE = 0.0001;

/** Replace zero shares as Evidently does; `shares` must hold at least one non-zero value. */
export function smoothZeros(shares: readonly number[]): number[] {
  let smallest = Number.POSITIVE_INFINITY;
  for (const s of shares) if (s !== 0 && s < smallest) smallest = s;
  const fill = smallest <= EMPTY_BIN_SHARE ? smallest / 10 ** 6 : EMPTY_BIN_SHARE;
  return shares.map((s) => (s === 0 ? fill : s));
}
