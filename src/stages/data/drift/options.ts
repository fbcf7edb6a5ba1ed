/**
 * Which method each column gets and with which threshold. Without a choice, Evidently's rules
 * (chooseMethod); with one (`method` for every column, `methods` per column), the choice is checked
 * against the column, and a combination that cannot work is a DataTableError that names the column, the
 * method and what to use instead. Options are checked whole before any table is read.
 */
import {
  chooseMethod,
  DEFAULT_BINS,
  DEFAULT_THRESHOLDS,
  DRIFT_METHODS,
  type DriftMethod,
  TEST_METHODS,
} from '../../../metrics/drift/index.js';
import { DataTableError } from '../duckdb/index.js';
import type { ColumnKind, Correction, DriftOptions } from './types.js';

/** Distinct values up to which a numeric column is compared as categories (Evidently's rule). */
export const FEW_UNIQUE = 5;

export const CORRECTIONS: readonly Correction[] = ['none', 'bonferroni', 'bh'];
/** Bins allowed for binned methods (the suite schema's range). */
export const MIN_BINS = 2;
export const MAX_BINS = 1000;

/** Methods that compare the values themselves, so they need the reference rows (not a profile). */
export const ROW_METHODS: readonly DriftMethod[] = ['ks', 'wasserstein', 'anderson'];
/** Methods a reference profile supports: counts per category or per reference quantile bin. */
export const PROFILE_METHODS: readonly DriftMethod[] = [
  'psi',
  'kl',
  'jensenshannon',
  'chisquare',
  'z',
  'linf',
];
/** What a profile runs on a continuous column when no method is named (Evidently's KS or Wasserstein need rows). */
export const PROFILE_DEFAULT_CONTINUOUS: DriftMethod = 'jensenshannon';

const list = (xs: readonly string[]) => xs.join(', ');

function isMethod(m: unknown): m is DriftMethod {
  return typeof m === 'string' && (DRIFT_METHODS as string[]).includes(m);
}

/** Throws a DataTableError for options that are wrong whatever the tables hold. */
export function checkOptions(options: DriftOptions): void {
  const bad = (what: string) => new DataTableError(what);
  if (options.share !== undefined && !(options.share >= 0 && options.share <= 1))
    throw bad(`share must be between 0 and 1; got ${options.share}`);
  if (options.correction !== undefined && !CORRECTIONS.includes(options.correction))
    throw bad(`correction must be one of ${list(CORRECTIONS)}; got ${JSON.stringify(options.correction)}`);
  if (options.method !== undefined && !isMethod(options.method))
    throw bad(
      `method ${JSON.stringify(options.method)} is not a drift method; use one of ${list(DRIFT_METHODS)}`,
    );
  for (const [column, m] of Object.entries(options.methods ?? {})) {
    if (m !== undefined && !isMethod(m))
      throw bad(
        `column ${JSON.stringify(column)}: method ${JSON.stringify(m)} is not a drift method; use one of ${list(DRIFT_METHODS)}`,
      );
  }
  for (const [m, t] of Object.entries(options.thresholds ?? {})) {
    if (t === undefined) continue;
    if (!isMethod(m))
      throw bad(`threshold for ${JSON.stringify(m)}: not a drift method; use one of ${list(DRIFT_METHODS)}`);
    const test = TEST_METHODS.includes(m);
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || (test && t > 1))
      throw bad(
        `threshold for ${m} must be ${test ? 'a p-value in (0, 1]' : 'a finite distance > 0'}; got ${JSON.stringify(t)}`,
      );
  }
  if (
    options.bins !== undefined &&
    !(Number.isInteger(options.bins) && options.bins >= MIN_BINS && options.bins <= MAX_BINS)
  )
    throw bad(`bins must be an integer from ${MIN_BINS} to ${MAX_BINS}; got ${options.bins}`);
}

/** Throws unless every column named in `methods` is among the columns compared. */
export function checkMethodColumns(options: DriftOptions, compared: readonly string[]): void {
  const known = new Set(compared);
  for (const column of Object.keys(options.methods ?? {})) {
    if (!known.has(column))
      throw new DataTableError(
        `a method is set for column ${JSON.stringify(column)}, which is not compared; compared columns: ${list(compared)}`,
      );
  }
}

/** What resolveMethod needs to know about a column. */
export interface ColumnFacts {
  column: string;
  /** Both sides are numeric types. */
  numeric: boolean;
  kind: ColumnKind;
  /** Distinct values over both sides (exact up to 5, a lower bound above). */
  unique: number;
  /** Usable reference values, for Evidently's size rule. */
  referenceCount: number;
  /** The reference is a saved profile (no rows). */
  fromProfile: boolean;
  /** A type description for messages, e.g. "VARCHAR". */
  type: string;
}

export interface ResolvedMethod {
  method: DriftMethod;
  threshold: number;
  /** Bins for a binned method on a continuous column. */
  bins?: number;
  note?: string;
}

/** The method, threshold and bins for one column; a DataTableError for a combination that cannot work. */
export function resolveMethod(
  facts: ColumnFacts,
  options: DriftOptions,
  profileBins?: number,
): ResolvedMethod {
  const named = options.methods?.[facts.column] ?? options.method;
  let method: DriftMethod;
  let note: string | undefined;
  if (named === undefined) {
    method = chooseMethod(
      facts.numeric ? 'numerical' : 'categorical',
      facts.referenceCount,
      Math.max(facts.unique, 1),
    );
    if (facts.fromProfile && ROW_METHODS.includes(method)) {
      note = `${method} needs the reference rows; a profile compares its quantile bins with ${PROFILE_DEFAULT_CONTINUOUS}`;
      method = PROFILE_DEFAULT_CONTINUOUS;
    }
  } else {
    method = named;
    checkCombination(method, facts, options.bins !== undefined || profileBins !== undefined);
  }
  const threshold = options.thresholds?.[method] ?? DEFAULT_THRESHOLDS[method];
  const binned = facts.kind === 'numerical' && !ROW_METHODS.includes(method);
  const bins = binned ? (profileBins ?? options.bins ?? DEFAULT_BINS) : undefined;
  return { method, threshold, ...(bins !== undefined ? { bins } : {}), ...(note ? { note } : {}) };
}

function checkCombination(method: DriftMethod, facts: ColumnFacts, hasBins: boolean): void {
  const where = `column ${JSON.stringify(facts.column)}`;
  if (ROW_METHODS.includes(method)) {
    if (!facts.numeric)
      throw new DataTableError(
        `${where} is ${facts.type}, not numbers: ${method} compares numbers; for categories use chisquare, z (two categories), jensenshannon, psi, kl or linf`,
      );
    if (facts.fromProfile)
      throw new DataTableError(
        `${where}: ${method} needs the reference rows, which a profile does not keep; with a profile use ${list(PROFILE_METHODS)}, or pass the reference table`,
      );
  }
  if (method === 'z' && facts.unique > 2)
    throw new DataTableError(
      `${where}: z is the two-proportion test of a binary column, and this one has ${facts.unique > 5 ? `at least ${facts.unique}` : facts.unique} distinct values; use chisquare or jensenshannon${facts.numeric ? ' (or ks, wasserstein, anderson for numbers)' : ''}`,
    );
  if (method === 'chisquare' && facts.kind === 'numerical' && !hasBins)
    throw new DataTableError(
      `${where} is continuous (more than 5 distinct values) and chisquare compares counts: set bins (--bins N) to count it in reference quantile bins, or use ks, wasserstein, anderson, psi, kl, jensenshannon or linf`,
    );
}
