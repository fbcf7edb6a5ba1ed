/**
 * Regression quality from a predictions table: MSE, MAE and R² overall and per slice of an optional group
 * column, from the rows where y_true, y_pred (and the group) are all set.
 */
import { type Label, meanAbsoluteError, meanSquaredError, r2Score } from '../../../metrics/model/index.js';
import { DataTableError, isNumericType, type Table } from '../duckdb/index.js';

export interface RegressionMetrics {
  count: number;
  mse: number;
  mae: number;
  /** Null for a slice whose y_true is constant (R² is undefined there; sklearn gives 0 or nan). */
  r2: number | null;
}

export interface RegressionReport {
  file: string;
  rows: number;
  overall: RegressionMetrics;
  groups: (RegressionMetrics & { group: Label })[];
}

function metrics(yTrue: number[], yPred: number[]): RegressionMetrics {
  const constant = yTrue.every((v) => v === yTrue[0]);
  return {
    count: yTrue.length,
    mse: meanSquaredError(yTrue, yPred),
    mae: meanAbsoluteError(yTrue, yPred),
    r2: constant ? null : r2Score(yTrue, yPred),
  };
}

/** Reads the columns and computes the metrics overall and per group. */
export async function regressionReport(
  table: Table,
  options: { yTrue: string; yPred: string; group?: string },
): Promise<RegressionReport> {
  for (const n of [options.yTrue, options.yPred]) {
    const c = table.column(n);
    if (!isNumericType(c.type))
      throw new DataTableError(
        `column ${JSON.stringify(n)} of ${table.file} is ${c.type}; regression needs numbers`,
      );
  }
  const names = [options.yTrue, options.yPred, ...(options.group ? [options.group] : [])];
  const cols = await table.rows(names);
  const yTrue = (cols[0] ?? []) as number[];
  const yPred = (cols[1] ?? []) as number[];
  if (yTrue.length === 0)
    throw new DataTableError(`${table.file} has no row where ${names.join(', ')} are all set`);
  const groups: RegressionReport['groups'] = [];
  if (options.group) {
    const byGroup = new Map<Label, { t: number[]; p: number[] }>();
    (cols[2] ?? []).forEach((g, i) => {
      const key = g as Label;
      let slot = byGroup.get(key);
      if (!slot) {
        slot = { t: [], p: [] };
        byGroup.set(key, slot);
      }
      slot.t.push(yTrue[i] as number);
      slot.p.push(yPred[i] as number);
    });
    const keys = [...byGroup.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) {
      const s = byGroup.get(k) as { t: number[]; p: number[] };
      groups.push({ group: k, ...metrics(s.t, s.p) });
    }
  }
  return { file: table.file, rows: yTrue.length, overall: metrics(yTrue, yPred), groups };
}
