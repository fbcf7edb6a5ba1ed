/**
 * GE's result arithmetic: the column-map output (`_format_map_output`), `mostly`, and the between test
 * of aggregate expectations (`_validate_metric_value_between`).
 */
import type { Outcome, ResultBody } from './types.js';

const pct = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);

/** GE's `_mostly_success`: the share of considered rows that are expected is at least `mostly`. */
export function mostlySuccess(considered: number, unexpected: number, mostly: number): boolean {
  if (considered === 0) return true; // vacuously true, as GE
  return (considered - unexpected) / considered >= mostly;
}

export interface MapCounts {
  /** All rows. */
  element: number;
  /** Rows the expectation looks at (non-null values; for pairs and compounds, rows not ignored). */
  considered: number;
  unexpected: number;
  partial: unknown[];
  mostly: number;
}

/** A column-map expectation's outcome with GE's counts and percentages (0–100). */
export function mapOutcome(m: MapCounts): Outcome {
  const missing = m.element - m.considered;
  const nonmissing = pct(m.unexpected, m.considered);
  const result: ResultBody = {
    element_count: m.element,
    missing_count: missing,
    missing_percent: pct(missing, m.element),
    unexpected_count: m.unexpected,
    unexpected_percent: m.element > 0 ? nonmissing : null,
    unexpected_percent_total: pct(m.unexpected, m.element),
    unexpected_percent_nonmissing: m.element > 0 ? nonmissing : null,
    partial_unexpected_list: m.partial,
  };
  return { success: m.element === 0 || mostlySuccess(m.considered, m.unexpected, m.mostly), result };
}

/**
 * The null expectations: GE passes no non-null count, so there is no missing_count and the percentage
 * is over all rows; `mostly` applies to all rows.
 */
export function nullOutcome(
  element: number,
  unexpected: number,
  partial: unknown[],
  mostly: number,
): Outcome {
  return {
    success: mostlySuccess(element, unexpected, mostly),
    result: {
      element_count: element,
      unexpected_count: unexpected,
      unexpected_percent: pct(unexpected, element),
      partial_unexpected_list: partial,
    },
  };
}

export interface Bounds {
  min_value?: number | string | null;
  max_value?: number | string | null;
  strict_min?: boolean;
  strict_max?: boolean;
}

/** GE's between test for a numeric observed value; a missing value (null) fails. */
export function numberBetween(value: number | null, b: Bounds): boolean {
  if (value === null) return false;
  const min = typeof b.min_value === 'number' ? b.min_value : null;
  const max = typeof b.max_value === 'number' ? b.max_value : null;
  const aboveMin = min === null || (b.strict_min ? value > min : value >= min);
  const belowMax = max === null || (b.strict_max ? value < max : value <= max);
  return aboveMin && belowMax;
}

/** SQL for "value is within the bounds" (bounds already typed SQL), strict or not; TRUE when unbounded. */
export function betweenSql(value: string, lo: string | null, hi: string | null, b: Bounds): string {
  const parts: string[] = [];
  if (lo !== null) parts.push(`${value} ${b.strict_min ? '>' : '>='} ${lo}`);
  if (hi !== null) parts.push(`${value} ${b.strict_max ? '<' : '<='} ${hi}`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/**
 * A column aggregate's outcome: the observed value (null when there is none, with the reason in
 * details), the between test, and the element and missing counts.
 */
export function aggregateOutcome(
  observed: unknown,
  success: boolean,
  counts: { element: number; nonnull: number },
  nullReason?: string,
): Outcome {
  const result: ResultBody = {
    observed_value: observed,
    element_count: counts.element,
    missing_count: counts.element - counts.nonnull,
  };
  if (observed === null || observed === undefined) {
    result.details = {
      observed_value_note:
        counts.nonnull === 0
          ? 'the column has no non-null values'
          : (nullReason ?? 'the value is not finite (NaN or Infinity in the column); reported as null'),
    };
  }
  return { success, result };
}
