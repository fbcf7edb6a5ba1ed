/** Any metric computed per slice (group value), like fairlearn's MetricFrame.by_group. */
import { checkNonEmpty, checkSameLength, type Label, sortedLabels } from './labels.js';

/** One slice's result. */
export interface Slice<R> {
  group: Label;
  /** Samples in the slice. */
  count: number;
  value: R;
}

/** Row indices of each group value, groups in sorted order (fairlearn and pandas groupby sort them). */
export function groupRows(groups: readonly Label[]): { group: Label; rows: number[] }[] {
  const order = sortedLabels([['groups', groups]]);
  const rows = new Map<Label, number[]>(order.map((g) => [g, []]));
  groups.forEach((g, i) => {
    rows.get(g)?.push(i);
  });
  return order.map((group) => ({ group, rows: rows.get(group) ?? [] }));
}

/**
 * Runs `metricFn` once per group value on that group's rows of `columns`, e.g.
 * `bySlice(accuracy, groups, yTrue, yPred)` or `bySlice((t, p) => f1(t, p, { average: 'macro' }), groups, yTrue, yPred)`.
 * Groups come back sorted. A metric's RangeError on a slice (say, R² on a one-sample group) is rethrown
 * with the group in its message; metrics that can be undefined on a slice (rocAuc with one class)
 * return `undefined` for it instead.
 */
export function bySlice<C extends readonly (readonly unknown[])[], R>(
  metricFn: (...columns: C) => R,
  groups: readonly Label[],
  ...columns: C
): Slice<R>[] {
  checkNonEmpty('groups', groups);
  checkSameLength(['groups', ...columns.map((_, i) => `columns[${i}]`)], groups, ...columns);
  return groupRows(groups).map(({ group, rows }) => {
    const sliced = columns.map((col) => rows.map((i) => col[i])) as unknown as C;
    try {
      return { group, count: rows.length, value: metricFn(...sliced) };
    } catch (err) {
      // Name the slice: "y_true is empty" alone would not say which of fifty groups was at fault.
      if (err instanceof RangeError)
        throw new RangeError(`slice ${JSON.stringify(group)}: ${err.message}`, { cause: err });
      throw err;
    }
  });
}
