/** The result shape of an expectation (Great Expectations' `ExpectationValidationResult`, trimmed). */
import type { ExpectationConfig, ExpectationType } from '../../../config/stages/data-expectations.js';

/**
 * GE's `result` object. Column-map expectations carry the counts; aggregate expectations carry
 * `observed_value` (plus element and missing counts for column aggregates). Percentages are 0–100.
 */
export interface ResultBody {
  observed_value?: unknown;
  element_count?: number;
  missing_count?: number;
  missing_percent?: number | null;
  unexpected_count?: number;
  /** GE ≥ 0.15: unexpected / non-missing (the same number as `unexpected_percent_nonmissing`). */
  unexpected_percent?: number | null;
  /** Unexpected / all rows. */
  unexpected_percent_total?: number | null;
  unexpected_percent_nonmissing?: number | null;
  /** At most `partialLimit` (default 20) unexpected values, in file order where DuckDB keeps it. */
  partial_unexpected_list?: unknown[];
  details?: Record<string, unknown>;
}

/** One expectation's outcome: GE's shape, with `exception` when it could not be evaluated. */
export interface ExpectationResult {
  type: ExpectationType;
  kwargs: ExpectationConfig['kwargs'];
  meta?: Record<string, unknown>;
  success: boolean;
  result: ResultBody;
  exception?: { message: string };
}

export interface RunExpectationsOptions {
  /** Size of `partial_unexpected_list` (GE's `partial_unexpected_count`); default 20. */
  partialLimit?: number;
  /**
   * Most distinct values listed by the distinct-value expectations (observed_value, value_counts) and
   * most categories a categorical KL divergence reads; default 1000.
   */
  distinctLimit?: number;
}

/** What makes one expectation fail to evaluate: a missing column, a type that does not fit, bad SQL input. */
export class ExpectationError extends Error {}

/** A success flag and a result body. */
export interface Outcome {
  success: boolean;
  result: ResultBody;
}
