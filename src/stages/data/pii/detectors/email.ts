/** Email addresses: a dotted domain with an alphabetic top-level label, a sane local part. */
import type { Detector } from '../types.js';
import { spans } from './match.js';

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** True for an address whose local part has no leading, trailing or doubled dot and that fits RFC 5321. */
export function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  return address.length <= 254 && !local.startsWith('.') && !local.endsWith('.') && !address.includes('..');
}

/** `john.doe@example.com` → `j***@e***.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return `${address[0]}***@${domain[0]}***${domain.slice(dot)}`;
}

export const email: Detector = {
  kind: 'email',
  prefilter: '[A-Za-z0-9._%+-]@[A-Za-z0-9-]+\\.',
  find: (text) => spans(EMAIL, text, isValidEmail),
  mask: maskEmail,
};
