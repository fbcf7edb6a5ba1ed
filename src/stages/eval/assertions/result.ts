/** Small helpers every assertion family shares: building results, quoting untrusted text, formatting numbers. */
import type { Assertion, AssertionResult, AssertionType } from '../types.js';

/** The parsed options of one assertion type. */
export type Of<K extends AssertionType> = Extract<Assertion, { type: K }>;

interface Common {
  type: string;
  weight?: number;
  metric?: string;
}

/** A result for `assertion`; type, weight and metric come from it (evaluateAssertion sets them as written). */
export function outcome(
  assertion: Common,
  pass: boolean,
  score: number,
  reason: string,
  details?: Record<string, unknown>,
): AssertionResult {
  return {
    type: assertion.type,
    pass,
    score: clamp01(score),
    reason,
    weight: assertion.weight ?? 1,
    metric: assertion.metric ?? assertion.type,
    ...(details === undefined ? {} : { details }),
  };
}

/** A graded result: passes when `score >= threshold`; the reason shows the number against its limit. */
export function graded(
  assertion: Common,
  score: number,
  threshold: number,
  what: string,
  details?: Record<string, unknown>,
): AssertionResult {
  const s = clamp01(score);
  const pass = s >= threshold;
  return outcome(assertion, pass, s, `${what} ${fmt(s)} ${pass ? '>=' : '<'} ${fmt(threshold)}`, details);
}

/** A score forced into [0, 1]; NaN (an undefined metric) counts as 0. */
export function clamp01(score: number): number {
  if (Number.isNaN(score)) return 0;
  return Math.min(1, Math.max(0, score));
}

/** A number for a reason line: at most 3 decimals, no trailing zeros. */
export function fmt(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 1000) / 1000) : String(n);
}

/** Untrusted text quoted for a reason line: JSON-escaped and cut so one answer cannot flood a report. */
export function quote(text: string, max = 80): string {
  const chars = [...text];
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}…` : text);
}

/** A string or a list of strings as a list. */
export function listOf(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}
