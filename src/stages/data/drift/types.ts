/** The options and the report of detectDrift; every other file of the drift stage speaks these. */
import type { ColumnKind, DriftMethod } from '../../../metrics/drift/index.js';

export type { ColumnKind, DriftMethod } from '../../../metrics/drift/index.js';

export type Correction = 'none' | 'bonferroni' | 'bh';

export interface DriftOptions {
  /** Columns to compare; default every column in both tables. */
  columns?: string[];
  /** Share of drifted columns from which the dataset drifts. Default 0.5. */
  share?: number;
  /** Correction of the p-values of test methods for testing many columns. Default 'none'. */
  correction?: Correction;
  /** One method for every column instead of Evidently's choice by type and size. */
  method?: DriftMethod;
  /** A method per column; wins over `method`. */
  methods?: Record<string, DriftMethod>;
  /**
   * Per-method thresholds: the p-value below which a test drifts (0 < t <= 1), the distance from
   * which a distance drifts (t > 0). Defaults: DEFAULT_THRESHOLDS (Evidently's).
   */
  thresholds?: Partial<Record<DriftMethod, number>>;
  /**
   * Quantile bins taken from the reference for binned methods (psi, kl, jensenshannon, linf, and
   * chisquare, which needs it set) on continuous numeric columns. Default 10; 2 to 1000.
   */
  bins?: number;
}

export interface ColumnDrift {
  column: string;
  /** DuckDB types in the reference and the current table. */
  referenceType: string;
  currentType: string;
  kind: ColumnKind;
  /**
   * Values compared (non-null, and finite for numbers), and distinct values over both tables (exact up
   * to 5; above, the larger table's count, a lower bound).
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
  /** Quantile bins of the reference the column was counted in (binned methods on continuous columns). */
  bins?: number;
  /** How the method was chosen when that needs saying (a substitute for a method a profile cannot run). */
  note?: string;
  /** Why the column was not compared (no values on one side). */
  skipped?: string;
}

export interface DriftReport {
  /** The reference table's file, or the file the reference profile was made from. */
  reference: string;
  /** Whether the reference was a table (every method) or a saved profile (binned and categorical methods). */
  referenceKind: 'table' | 'profile';
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
