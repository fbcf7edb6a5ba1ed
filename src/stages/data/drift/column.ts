/**
 * One column's comparison: its kind from the types and the distinct values over both sides, its method
 * (options.ts), then the numbers. Methods on values (ks, wasserstein, anderson) run in DuckDB; binned
 * methods on a continuous column count both sides into the reference's quantile bins; everything else
 * compares category counts. No value of the column is read into JS.
 */
import {
  alignCounts,
  chiSquare,
  type DriftMethod,
  type DriftResult,
  jensenShannon,
  klDivergence,
  lInfinity,
  psi,
  zTest,
} from '../../../metrics/drift/index.js';
import type { Table } from '../duckdb/index.js';
import { binCountsSql } from './bins.js';
import { type ColumnCounts, categoryCountsSql, distinctLabelsSql, toCategoryCounts } from './counts.js';
import { FEW_UNIQUE, type ResolvedMethod, resolveMethod } from './options.js';
import type { ReferenceSide } from './reference.js';
import { andersonSql } from './sql-anderson.js';
import { ksSql } from './sql-ks.js';
import { wassersteinSql } from './sql-wasserstein.js';
import type { ColumnDrift, ColumnKind, DriftOptions } from './types.js';

/** What compareColumn is given about the column: both counts and how it is read. */
export interface ColumnInput {
  column: string;
  numeric: boolean;
  referenceType: string;
  currentType: string;
  ref: ColumnCounts;
  cur: ColumnCounts;
}

/** The counts-based methods, on aligned counts (categories or bins). */
function onCounts(method: DriftMethod, ref: number[], cur: number[], threshold: number): DriftResult {
  const t = { threshold };
  switch (method) {
    case 'chisquare':
      return chiSquare(ref, cur, t);
    case 'z':
      return zTest(ref, cur, t);
    case 'jensenshannon':
      return jensenShannon(ref, cur, t);
    case 'psi':
      return psi(ref, cur, t);
    case 'kl':
      return klDivergence(ref, cur, t);
    case 'linf':
      return lInfinity(ref, cur, t);
    default:
      throw new Error(`${method} does not compare counts`);
  }
}

/**
 * A column is dense when most of its values are distinct (a continuous measurement): its CDF is then
 * built without grouping by value (see cdfSql). `unique` is a lower bound of the distinct values.
 */
const isDense = (unique: number, rows: number) => unique > 1000 && unique >= 0.2 * rows;

async function onValues(
  ref: Table,
  cur: Table,
  column: string,
  m: ResolvedMethod,
  dense: boolean,
): Promise<DriftResult> {
  if (m.method === 'ks') return ksSql(ref, cur, column, m.threshold, dense);
  if (m.method === 'wasserstein') return wassersteinSql(ref, cur, column, m.threshold, dense);
  if (m.method === 'anderson') return andersonSql(ref, cur, column, m.threshold);
  throw new Error(`${m.method} does not compare values`);
}

/** Distinct values over both sides: exact when both have at most FEW_UNIQUE, else the larger count. */
async function uniqueAcross(ref: ReferenceSide, cur: Table, c: ColumnInput): Promise<number> {
  if (c.ref.distinct > FEW_UNIQUE || c.cur.distinct > FEW_UNIQUE)
    return Math.max(c.ref.distinct, c.cur.distinct);
  const labels = new Set([
    ...(await ref.labels(c.column, c.numeric)),
    ...(await distinctLabelsSql(cur, c.column, c.numeric)),
  ]);
  return labels.size;
}

/** Compares one column of the current table with the reference. */
export async function compareColumn(
  ref: ReferenceSide,
  cur: Table,
  c: ColumnInput,
  options: DriftOptions,
): Promise<ColumnDrift> {
  const base = {
    column: c.column,
    referenceType: c.referenceType,
    currentType: c.currentType,
    referenceCount: c.ref.count,
    currentCount: c.cur.count,
  };
  const none = {
    method: null,
    statistic: null,
    pValue: null,
    rawPValue: null,
    threshold: null,
    drift: false,
  };
  if (c.ref.count === 0 || c.cur.count === 0) {
    const side = c.ref.count === 0 ? ref.file : cur.file;
    const what = c.numeric ? 'no finite number' : 'no value';
    const kind: ColumnKind = c.numeric ? 'numerical' : 'categorical';
    return { ...base, kind, unique: 0, ...none, skipped: `${what} in ${side}` };
  }
  const unique = await uniqueAcross(ref, cur, c);
  const kind: ColumnKind = c.numeric && unique > FEW_UNIQUE ? 'numerical' : 'categorical';
  const m = resolveMethod(
    {
      column: c.column,
      numeric: c.numeric,
      kind,
      unique,
      referenceCount: c.ref.count,
      fromProfile: ref.kind === 'profile',
      type: c.referenceType === c.currentType ? c.referenceType : `${c.referenceType} / ${c.currentType}`,
    },
    options,
    ref.profileBins,
  );
  let result: DriftResult;
  if (m.method === 'ks' || m.method === 'wasserstein' || m.method === 'anderson') {
    if (!ref.table) throw new Error(`${m.method} needs the reference table`);
    const dense = isDense(unique, Math.max(c.ref.count, c.cur.count));
    result = await onValues(ref.table, cur, c.column, m, dense);
  } else if (kind === 'numerical') {
    const bins = await ref.bins(c.column, c.ref.count, m.bins as number);
    const curCounts = await binCountsSql(cur, c.column, bins.inner);
    result = onCounts(m.method, [...bins.counts], curCounts, m.threshold);
  } else {
    const r = toCategoryCounts(await ref.categoryCounts(c.column, c.numeric));
    const k = toCategoryCounts(await categoryCountsSql(cur, c.column, c.numeric), r.categories);
    const aligned = alignCounts(r, k);
    result = onCounts(m.method, aligned.ref, aligned.cur, m.threshold);
  }
  const p = result.pValue ?? null;
  return {
    ...base,
    kind,
    unique,
    method: result.method,
    statistic: result.statistic,
    pValue: p,
    rawPValue: p,
    threshold: result.threshold,
    drift: result.drift,
    ...(m.bins !== undefined ? { bins: m.bins } : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}
