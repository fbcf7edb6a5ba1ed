/**
 * Phone numbers in three shapes, each needing a `+` or separators so that plain integers, dates
 * (2024-01-15, 01.02.2024, 15/01/2024) and version strings (1.2.3) are not taken for one:
 * - international: `+` and a country code, then groups (E.164 `+14155552671`, `+44 20 7946 0958`);
 * - North American: `(415) 555-2671`, `415-555-2671`, `415.555.2671` (area and exchange start 2-9);
 * - European national: a trunk `0` and groups with one kind of separator (`030 901820`, `06 12 34 56 78`).
 */
import type { Detector } from '../types.js';
import { digitsOf, spans, starDigits } from './match.js';

const INTERNATIONAL = String.raw`\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,4}\)?){2,7}`;
const NORTH_AMERICAN = String.raw`(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}`;
const EUROPEAN = String.raw`0[1-9][0-9]{0,3}([ -])[0-9]{2,8}(?:\1[0-9]{2,8}){0,3}`;

const PHONE = new RegExp(
  `(?<![0-9A-Za-z_+./-])(?:${INTERNATIONAL}|${NORTH_AMERICAN}|${EUROPEAN})(?![0-9A-Za-z_]|[./-][0-9])`,
  'g',
);

/** True for a candidate with balanced parentheses and a plausible number of digits for its shape. */
export function isValidPhone(candidate: string): boolean {
  const open = candidate.split('(').length - 1;
  if (open !== candidate.split(')').length - 1 || open > 1) return false;
  const n = digitsOf(candidate).length;
  if (candidate.startsWith('+')) {
    // E.164 allows at most 15 digits; a bare `+digits` run needs enough of them to be a number.
    const compact = /^\+[0-9]+$/.test(candidate);
    return n <= 15 && n >= (compact ? 10 : 8);
  }
  if (candidate.startsWith('0')) return n >= 9 && n <= 12;
  return n === 10 || n === 11;
}

/** `+1 415 555 2671` → `+* *** *** **71`. */
export const maskPhone = (value: string) => starDigits(value, 2);

export const phone: Detector = {
  kind: 'phone',
  // The European branch keeps its left boundary so that times inside dates (`2024-01-15 10:30`) stay out.
  prefilter: String.raw`\+[1-9][0-9 ().-]{6,}[0-9]|[2-9][0-9]{2}\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}|(?:^|[^0-9A-Za-z_+./-])0[1-9][0-9]{0,3}[ -][0-9]{2}`,
  find: (text) => spans(PHONE, text, isValidPhone),
  mask: maskPhone,
};
