/**
 * Payment card numbers: 13-19 digits, optionally in groups split by single spaces or dashes, with a
 * known network prefix for their length and a valid Luhn check digit. Timestamps in milliseconds and
 * other long integers rarely pass both.
 */
import type { Detector } from '../types.js';
import { digitsOf, starDigits } from './match.js';

/** A run of digit groups split by single spaces or dashes; cards are looked for inside it. */
const RUN = /(?<![0-9])[0-9]+(?:[ -][0-9]+)*(?![0-9])/g;

/** True when `digits` (digits only) passes the Luhn (mod 10) check. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const between = (n: number, lo: number, hi: number) => n >= lo && n <= hi;

/** The card network `digits` belongs to by its prefix and length, or null. */
export function cardNetwork(digits: string): string | null {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19 ? 'visa' : null;
  if ((between(p2, 51, 55) || between(p4, 2221, 2720)) && n === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
  if ((p4 === 6011 || p2 === 65 || between(p3, 644, 649)) && n >= 16) return 'discover';
  if (between(p4, 3528, 3589) && n >= 16) return 'jcb';
  if ((between(p3, 300, 305) || p2 === 36 || p2 === 38 || p2 === 39) && n >= 14) return 'diners';
  if (p2 === 62 && n >= 16) return 'unionpay';
  if ((p2 === 50 || between(p2, 56, 69)) && n >= 13) return 'maestro';
  return null;
}

/** True for a candidate whose digits have a card network's prefix and length and pass Luhn. */
export function isValidCard(candidate: string): boolean {
  const digits = digitsOf(candidate);
  return digits.length >= 13 && digits.length <= 19 && cardNetwork(digits) !== null && luhn(digits);
}

/** `4242 4242 4242 4242` → `**** **** **** 4242`. */
export const maskCard = (value: string) => starDigits(value, 4);

/**
 * Cards inside each run of digit groups: the longest valid span of whole groups, leftmost first, so
 * that `4242 4242 4242 4242 12/26` yields the card and not an 18-digit non-card.
 */
export function findCards(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const groups = [...m[0].matchAll(/[0-9]+/g)].map((g) => [m.index + g.index, g[0].length] as const);
    let i = 0;
    while (i < groups.length) {
      // Spans of whole groups from i holding 13-19 digits, longest first (at most 19 groups each).
      const ends: number[] = [];
      for (let j = i, n = 0; j < groups.length; j++) {
        n += groups[j]?.[1] ?? 0;
        if (n > 19) break;
        if (n >= 13) ends.unshift(j);
      }
      const start = groups[i]?.[0] ?? 0;
      const j = ends.find((e) => {
        const g = groups[e];
        return g !== undefined && isValidCard(text.slice(start, g[0] + g[1]));
      });
      if (j === undefined) {
        i++;
        continue;
      }
      const last = groups[j];
      if (last) out.push([start, last[0] + last[1]]);
      i = j + 1;
    }
  }
  return out;
}

export const creditCard: Detector = {
  kind: 'credit_card',
  prefilter: '(?:[0-9][ -]?){12,18}[0-9]',
  find: findCards,
  mask: maskCard,
};
