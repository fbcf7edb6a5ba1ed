/** The kinds of personal data and secrets the PII scan knows, and the shape every detector has. */

import { piiKinds } from '../../../config/stages/data.js';

// Every kind, in the order reports list them. The list lives with the suite schema (config may not
// import stages).
export { piiKinds };

export type PiiKind = (typeof piiKinds)[number];

/** True when `value` names a kind. */
export function isPiiKind(value: string): value is PiiKind {
  return (piiKinds as readonly string[]).includes(value);
}

/** The typed placeholder a masked copy holds instead of a match, e.g. `[CREDIT_CARD]`. */
export function placeholder(kind: PiiKind): string {
  return `[${kind.toUpperCase()}]`;
}

/** One confirmed match in a text: `text.slice(start, end) === value`. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

/** A detector: a cheap RE2 prefilter for DuckDB, then a JS regex and validator that confirm. */
export interface Detector {
  kind: PiiKind;
  /**
   * An RE2 pattern (DuckDB `regexp_matches`) that matches every text in which `find` finds something:
   * a superset, so a value it rejects can be skipped. Written in the subset RE2 and JS share.
   */
  prefilter: string;
  /** The confirmed matches in `text` (regex, then validator), as `[start, end)` spans. */
  find(text: string): Array<[number, number]>;
  /** A sample that keeps the shape and never the value, e.g. `**** **** **** 4242`. */
  mask(value: string): string;
}
