/** The shape of a table profile: JSON-serialisable, with null and a reason wherever a number is undefined. */

export type ColumnKind = 'numeric' | 'categorical' | 'datetime' | 'other';

export interface ProfileOptions {
  /** Profile these columns (default: all). */
  columns?: string[];
  /** Equal-width histogram bins per numeric column (default 10). */
  bins?: number;
  /** Most frequent values kept per categorical column (default 10). */
  top?: number;
}

export interface Quantiles {
  p1: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

export interface Histogram {
  /** `bins + 1` edges, as numpy.histogram: equal width over [min, max] (±0.5 when min = max). */
  edges: number[];
  /** Counts per bin; every bin is half-open [a, b) except the last, which is closed [a, b]. */
  counts: number[];
}

export interface NumericProfile {
  /** Finite values: the statistics below are over these (NaN and ±Infinity are counted apart). */
  finite: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n - 1), as pandas Series.std(). */
  stdev: number | null;
  /** Linear interpolation between order statistics (DuckDB quantile_cont = numpy's default). */
  quantiles: Quantiles | null;
  zeros: number;
  /** Finite values below zero. */
  negatives: number;
  nan: number;
  posInf: number;
  negInf: number;
  histogram: Histogram | null;
}

export interface TextProfile {
  /** Lengths in Unicode code points (as Python's len). */
  minLength: number | null;
  maxLength: number | null;
  meanLength: number | null;
  empty: number;
}

export interface TopValue {
  /** The value as text (booleans as true/false). */
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  /** DuckDB's type name. */
  type: string;
  kind: ColumnKind;
  /** Rows. */
  count: number;
  nulls: number;
  nullFraction: number | null;
  /** Distinct non-null values (exact `count(DISTINCT)`; NaN counts as one value). */
  distinct: number;
  numeric?: NumericProfile;
  text?: TextProfile;
  /** Most frequent non-null values, by count then value (categorical columns). */
  top?: TopValue[];
  /** Earliest and latest value as ISO text (datetime columns). */
  datetime?: { min: string | null; max: string | null };
  /** Why a field is null, by its path (e.g. `numeric.stdev`). */
  reasons: Record<string, string>;
}

export interface TableProfile {
  file: string;
  rows: number;
  columns: ColumnProfile[];
  bins: number;
  top: number;
  /** SQL statements run: one for every base aggregate, one more for all histograms and top values. */
  queries: number;
}
