/**
 * Category counts for categorical drift. The reference fixes the categories; counting a current batch
 * against them puts categories the reference never saw into one "other" bucket, so the two count
 * vectors always line up. Pure maths, no I/O.
 */

export type CategoryValue = string | number | boolean | null | undefined;

export interface CategoryCounts {
  /** Category labels (String(value)), sorted by code unit like Evidently's sorted keys. */
  categories: string[];
  /** Count per category, aligned with `categories`. */
  counts: number[];
  /** Values whose category is not in `categories` (always 0 when counting the reference itself). */
  other: number;
}

/**
 * Counts per category. Without `categories`, the categories are those of `values` (the reference);
 * with them (a reference's), current-only categories are counted in `other`. Nulls and undefined are
 * missing values, not a category, and are skipped.
 */
export function categoryCounts(
  values: readonly CategoryValue[],
  categories?: readonly string[],
): CategoryCounts {
  const seen = new Map<string, number>();
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const key = String(v);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const labels = categories ? [...categories] : [...seen.keys()].sort();
  const counts = labels.map((c) => seen.get(c) ?? 0);
  let other = 0;
  const known = new Set(labels);
  for (const [key, n] of seen) if (!known.has(key)) other += n;
  return { categories: labels, counts, other };
}

/**
 * The count vectors of a reference and a current batch side by side, with the "other" bucket appended
 * when either has one, ready for chiSquare, psi, jensenShannon and the rest.
 */
export function alignCounts(ref: CategoryCounts, cur: CategoryCounts): { ref: number[]; cur: number[] } {
  if (ref.categories.join('\u0000') !== cur.categories.join('\u0000')) {
    throw new RangeError(
      'count the current batch against the reference categories: categoryCounts(values, ref.categories)',
    );
  }
  if (ref.other === 0 && cur.other === 0) return { ref: [...ref.counts], cur: [...cur.counts] };
  return { ref: [...ref.counts, ref.other], cur: [...cur.counts, cur.other] };
}
