/**
 * US Social Security numbers written `AAA-GG-SSSS` (or with spaces): the area is not 000, 666 or
 * 900-999, the group not 00, the serial not 0000. Bare nine-digit integers are not taken for one.
 */
import type { Detector } from '../types.js';
import { spans } from './match.js';

const SSN = /(?<![0-9-])[0-9]{3}([- ])[0-9]{2}\1[0-9]{4}(?![0-9]|-[0-9])/g;

/** True for an SSN whose area, group and serial can be issued. */
export function isValidSsn(candidate: string): boolean {
  const [area = '', group = '', serial = ''] = candidate.split(/[- ]/);
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** `078-05-1120` → `***-**-1120`. */
export const maskSsn = (value: string) => `***${value[3]}**${value[6]}${value.slice(7)}`;

export const ssn: Detector = {
  kind: 'ssn',
  prefilter: '[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}',
  find: (text) => spans(SSN, text, isValidSsn),
  mask: maskSsn,
};
