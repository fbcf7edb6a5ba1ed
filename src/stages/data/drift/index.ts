/**
 * Column drift between a reference and a current table read by DuckDB. Each column's kind comes from its
 * DuckDB type (numbers with few unique values count as categorical), its method from Evidently's rules
 * (chooseMethod), and its numbers from src/metrics/drift. Categorical counts are GROUP BY queries; only
 * continuous numerical columns are pulled into JS, because KS and Wasserstein need the values.
 */
import {
  alignCounts,
  benjaminiHochberg,
  bonferroni,
  type CategoryCounts,
  type ColumnKind,
  chiSquare,
  chooseMethod,
  type DriftMethod,
  type DriftResult,
  jensenShannon,
  ks2,
  wassersteinNormed,
  zTest,
} from '../../../metrics/drift/index.js';
import { DataTableError, isNumericType, type Table } from '../duckdb/index.js';

/** Unique values up to which a numerical column is compared as categories (Evidently's rule). */
export const FEW_UNIQUE = 5;

export type Correction = 'none' | 'bonferroni' | 'bh';

export interface DriftOptions {
  /** Columns to compare; default every column in both tables. */
  columns?: string[];
  /** Share of drifted columns from which the dataset drifts. Default 0.5. */
  share?: number;
  /** Correction of the p-values of test methods for testing many columns. Default 'none'. */
  correction?: Correction;
}

export interface ColumnDrift {
  column: string;
  /** DuckDB types in the reference and the current table. */
  referenceType: string;
  currentType: string;
  kind: ColumnKind;
  /**
   * Non-null values compared, and distinct values over both tables (exact up to 5; above, the larger
   * table's count, a lower bound).
   */
  referenceCount: number;
  currentCount: number;
  unique: number;
  method: DriftMethod | null;
  statistic: number | null;
  /** After the correction, for test methods; null for distances. */
  pValue: number | null;
  /** Before the correction. */
  rawPValue: number | null;
  threshold: number | null;
  drift: boolean;
  /** Why the column was not compared (no values on one side). */
  skipped?: string;
}

export interface DriftReport {
  reference: string;
  current: string;
  correction: Correction;
  columns: ColumnDrift[];
  /** Columns compared (not skipped), and how many drifted. */
  tested: number;
  drifted: number;
  driftShare: number;
  shareThreshold: number;
  datasetDrift: boolean;
}

function categoryCountsOf(counts: Map<string, number>, categories?: readonly string[]): CategoryCounts {
  const labels = categories ? [...categories] : [...counts.keys()].sort();
  const known = new Set(labels);
  let other = 0;
  for (const [k, n] of counts) if (!known.has(k)) other += n;
  return { categories: labels, counts: labels.map((c) => counts.get(c) ?? 0), other };
}

type Profile = Map<string, { nonNull: number; distinct: number }>;

/**
 * Distinct values over both tables. Exact up to FEW_UNIQUE (the small sets are united); above it, the
 * larger side's count, a lower bound that is enough for chooseMethod.
 */
async function uniqueAcross(ref: Table, cur: Table, column: string, rd: number, cd: number): Promise<number> {
  if (rd > FEW_UNIQUE || cd > FEW_UNIQUE) return Math.max(rd, cd);
  const all = new Set([...(await ref.distinctValues(column)), ...(await cur.distinctValues(column))]);
  return all.size;
}

async function compare(
  ref: Table,
  cur: Table,
  column: string,
  refProfile: Profile,
  curProfile: Profile,
): Promise<ColumnDrift> {
  const rt = ref.column(column).type;
  const ct = cur.column(column).type;
  const numeric = isNumericType(rt) && isNumericType(ct);
  const rc = refProfile.get(column) ?? { nonNull: 0, distinct: 0 };
  const cc = curProfile.get(column) ?? { nonNull: 0, distinct: 0 };
  const base = {
    column,
    referenceType: rt,
    currentType: ct,
    referenceCount: rc.nonNull,
    currentCount: cc.nonNull,
  };
  const none = {
    method: null,
    statistic: null,
    pValue: null,
    rawPValue: null,
    threshold: null,
    drift: false,
  };
  if (rc.nonNull === 0 || cc.nonNull === 0) {
    const side = rc.nonNull === 0 ? ref.file : cur.file;
    return {
      ...base,
      kind: numeric ? 'numerical' : 'categorical',
      unique: 0,
      ...none,
      skipped: `no values in ${side}`,
    };
  }
  const unique = await uniqueAcross(ref, cur, column, rc.distinct, cc.distinct);
  const kind: ColumnKind = numeric && unique > FEW_UNIQUE ? 'numerical' : 'categorical';
  const method = chooseMethod(numeric ? 'numerical' : 'categorical', rc.nonNull, Math.max(unique, 1));
  let result: DriftResult;
  if (kind === 'numerical') {
    const [a, b] = [await ref.numbers(column), await cur.numbers(column)];
    if (a.length === 0 || b.length === 0)
      return { ...base, kind, unique, ...none, skipped: 'no finite values on one side' };
    if (method === 'ks') result = ks2(a, b);
    else if (method === 'wasserstein') result = wassersteinNormed(a, b);
    else throw new Error(`unexpected method ${method} for a numerical column`);
  } else {
    const r = categoryCountsOf(await ref.categoryCounts(column));
    const c = categoryCountsOf(await cur.categoryCounts(column), r.categories);
    const aligned = alignCounts(r, c);
    if (method === 'z') result = zTest(aligned.ref, aligned.cur);
    else if (method === 'chisquare') result = chiSquare(aligned.ref, aligned.cur);
    else if (method === 'jensenshannon') result = jensenShannon(aligned.ref, aligned.cur);
    else throw new Error(`unexpected method ${method} for a categorical column`);
  }
  const p = result.pValue ?? null;
  return {
    ...base,
    kind,
    unique,
    method: result.method,
    statistic: Number.isFinite(result.statistic) ? result.statistic : 0,
    pValue: p,
    rawPValue: p,
    threshold: result.threshold,
    drift: result.drift,
  };
}

/** Compares every shared (or listed) column of `ref` and `cur` and gives the dataset verdict. */
export async function detectDrift(ref: Table, cur: Table, options: DriftOptions = {}): Promise<DriftReport> {
  const share = options.share ?? 0.5;
  const correction = options.correction ?? 'none';
  let names: string[];
  if (options.columns && options.columns.length > 0) {
    for (const n of options.columns) {
      ref.column(n);
      cur.column(n);
    }
    names = options.columns;
  } else {
    const inCur = new Set(cur.columns.map((c) => c.name));
    names = ref.columns.map((c) => c.name).filter((n) => inCur.has(n));
    if (names.length === 0) throw new DataTableError(`${ref.file} and ${cur.file} have no column in common`);
  }
  // One scan per table for every column's counts; values and category counts only where needed.
  const refProfile = await ref.profile(names);
  const curProfile = await cur.profile(names);
  const columns: ColumnDrift[] = [];
  for (const n of names) {
    try {
      columns.push(await compare(ref, cur, n, refProfile, curProfile));
    } catch (err) {
      if (err instanceof RangeError)
        throw new DataTableError(`column ${JSON.stringify(n)}: ${err.message}`, { cause: err });
      throw err;
    }
  }
  const tests = columns.filter((c) => c.rawPValue !== null);
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
    reference: ref.file,
    current: cur.file,
    correction,
    columns,
    tested,
    drifted,
    driftShare,
    shareThreshold: share,
    datasetDrift: tested > 0 && driftShare >= share,
  };
}
