/**
 * Personal data detectors. Each finds candidates with a regex and, where the format has one, checks
 * them (Luhn for card numbers, ISO 13616 mod-97 for IBANs, node:net for IPv6) so a random 16-digit
 * number or a version string is not reported as personal data. Detectors run in priority order and a
 * later one never reports text an earlier one claimed: a card number is not also a phone number.
 */
import { isIPv6 } from 'node:net';

export const piiKinds = ['api-key', 'email', 'iban', 'credit-card', 'ssn', 'ip', 'phone'] as const;
export type PiiKind = (typeof piiKinds)[number];

export interface PiiMatch {
  kind: PiiKind;
  value: string;
  index: number;
}

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  valid?: (match: string) => boolean;
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

const detectors: Detector[] = [
  {
    kind: 'api-key',
    // OpenAI (sk-, sk-proj-), AWS access key ids, GitHub tokens, Slack tokens, Google API keys.
    pattern:
      /\b(?:sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})/g,
  },
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  {
    kind: 'iban',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    valid: ibanValid,
  },
  {
    kind: 'credit-card',
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    valid: (m) => luhnValid(digits(m)),
  },
  // US SSN: area 001-899 except 666, group 01-99, serial 0001-9999.
  { kind: 'ssn', pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g },
  { kind: 'ip', pattern: new RegExp(`\\b(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}\\b(?!\\.\\d)`, 'g') },
  { kind: 'ip', pattern: /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g, valid: ipv6Valid },
  {
    kind: 'phone',
    // E.164 (+14155550123), international with separators (+44 20 7946 0958), and national forms
    // ((415) 555-0123, 415-555-0123, 020 7946 0958). Never a slice of a longer run of digit groups (an
    // invalid card number is not a phone number).
    pattern:
      /(?<![\w+]|\d[ .-])(?:\+[1-9]\d{7,14}|(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?|\d{2,5}[ .-])\d{3,4}[ .-]?\d{3,4})(?!\w|[ .-]\d)/g,
    valid: (m) => digits(m).length >= 9 && digits(m).length <= 15,
  },
];

/** Every piece of personal data in `text`, optionally only of some kinds. */
export function findPii(text: string, kinds?: readonly PiiKind[]): PiiMatch[] {
  const claimed: Array<[number, number]> = [];
  const found: PiiMatch[] = [];
  for (const d of detectors) {
    for (const m of text.matchAll(d.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      if (d.valid && !d.valid(m[0])) continue;
      claimed.push([start, end]);
      // Claimed even when the kind is filtered out: asking for phones must not report a card's digits.
      if (!kinds || kinds.includes(d.kind)) found.push({ kind: d.kind, value: m[0], index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A value shown in a report without giving it away: its first and last characters, the rest starred. */
export function maskPii(match: PiiMatch): string {
  const v = match.value;
  if (match.kind === 'email') {
    const at = v.indexOf('@');
    return `${v[0]}***@${v.slice(at + 1)}`;
  }
  const keep = match.kind === 'api-key' ? 4 : 2;
  if (v.length <= keep + 2) return '*'.repeat(v.length);
  return `${v.slice(0, keep)}${'*'.repeat(Math.min(8, v.length - keep - 2))}${v.slice(-2)}`;
}

/** Luhn (mod 10) checksum, as every card number carries. */
export function luhnValid(number: string): boolean {
  if (!/^\d{13,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 must be 1. */
export function ibanValid(text: string): boolean {
  const iban = text.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    // Digit by digit keeps the remainder small: IBANs are far longer than a safe integer.
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function ipv6Valid(text: string): boolean {
  // "::" alone and times like "10:30" are not addresses worth reporting.
  return /[0-9A-Fa-f]/.test(text) && isIPv6(text);
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}
