/**
 * IBANs, printed compact (`DE89370400440532013000`) or in groups of four (`DE89 3704 0044 0532 0130 00`):
 * a country of the IBAN registry, that country's length, and the ISO 13616 mod-97 check.
 */
import type { Detector } from '../types.js';
import { spans } from './match.js';

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;

/** IBAN length by country (SWIFT IBAN registry), as `CCnn` pairs. */
const LENGTHS: Record<string, number> = Object.fromEntries(
  [
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18',
    'DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23',
    'IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31',
    'MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24',
    'SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30',
  ]
    .join(' ')
    .split(' ')
    .map((p) => [p.slice(0, 2), Number(p.slice(2))]),
);

/** The ISO 7064 mod-97 remainder of an IBAN (letters as 10-35, the first four characters moved last). */
export function ibanRemainder(iban: string): number {
  const s = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of s) {
    const v = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    r = v > 9 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return r;
}

/** True for an IBAN (spaces allowed) of a known country, with its length and a remainder of 1. */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '');
  return LENGTHS[iban.slice(0, 2)] === iban.length && ibanRemainder(iban) === 1;
}

/** `DE89 3704 0044 0532 0130 00` → `DE** **** **** **** **30 00`: the country and the last four stay. */
export function maskIban(value: string): string {
  let left = value.replace(/ /g, '').length - 4;
  let i = 0;
  return value.replace(/[A-Z0-9]/g, (ch) => {
    const keep = i++ < 2 || left <= 0;
    left--;
    return keep ? ch : '*';
  });
}

export const iban: Detector = {
  kind: 'iban',
  prefilter: '[A-Z]{2}[0-9]{2} ?[A-Z0-9]{4} ?[A-Z0-9]{4}',
  find: (text) => spans(IBAN, text, isValidIban),
  mask: maskIban,
};
