/**
 * The dataset verdict from the column results: the multiple-testing correction of test p-values, the
 * drifted share, and a last guard that no NaN or Infinity reaches a report (JSON turns them into null
 * silently, consoles print them): a column whose numbers are not finite is reported as skipped, not
 * compared, with the reason.
 */
import { benjaminiHochberg, bonferroni } from '../../../metrics/drift/index.js';
import type { ColumnDrift, Correction, DriftReport } from './types.js';

const finiteOrNull = (x: number | null) => x === null || Number.isFinite(x);

/** A column whose statistic, p-value or threshold is not finite becomes a skipped column saying so. */
export function guardFinite(c: ColumnDrift): ColumnDrift {
  if (
    finiteOrNull(c.statistic) &&
    finiteOrNull(c.pValue) &&
    finiteOrNull(c.rawPValue) &&
    finiteOrNull(c.threshold)
  )
    return c;
  return {
    ...c,
    statistic: null,
    pValue: null,
    rawPValue: null,
    drift: false,
    skipped: `${c.method} gave a non-finite result (${c.statistic}); the values may be too large to compare`,
  };
}

/** Applies the correction to the test p-values (in place) and sums up the dataset. */
export function summarize(
  columns: ColumnDrift[],
  head: { reference: string; referenceKind: 'table' | 'profile'; current: string },
  correction: Correction,
  share: number,
): DriftReport {
  const tests = columns.filter((c) => c.rawPValue !== null && !c.skipped);
  if (correction !== 'none' && tests.length > 0) {
    const raw = tests.map((c) => c.rawPValue as number);
    const adjusted = correction === 'bonferroni' ? bonferroni(raw) : benjaminiHochberg(raw);
    tests.forEach((c, i) => {
      c.pValue = adjusted[i] as number;
      c.drift = c.pValue < (c.threshold as number);
    });
  }
  const tested = columns.filter((c) => !c.skipped).length;
  const drifted = columns.filter((c) => c.drift).length;
  const driftShare = tested === 0 ? 0 : drifted / tested;
  return {
    ...head,
    correction,
    columns,
    tested,
    drifted,
    driftShare,
    shareThreshold: share,
    datasetDrift: tested > 0 && driftShare >= share,
  };
}
