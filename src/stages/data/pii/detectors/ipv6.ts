/**
 * IPv6 addresses: eight groups of 1-4 hex digits, or fewer with one `::`, optionally ending in an
 * embedded IPv4 address (`::ffff:192.0.2.1`). Times (`10:30:00`), MAC addresses and `::` alone are not.
 */
import type { Detector } from '../types.js';
import { isValidIpv4 } from './ipv4.js';
import { spans } from './match.js';

const IPV6 =
  /(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Za-z_:]|\.[0-9])/g;

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** True for a well-formed IPv6 address (RFC 4291 text forms), not the unspecified `::`. */
export function isValidIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = groups.flat();
  if (all.length === 0) return false;
  let count = all.length;
  const last = all[all.length - 1] ?? '';
  if (last.includes('.')) {
    if (!isValidIpv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** `2001:db8::1` → `2001:***::*`: the first group stays. */
export function maskIpv6(value: string): string {
  const first = /^[0-9A-Fa-f]{1,4}:(?!:)/.exec(value)?.[0] ?? '';
  return first + value.slice(first.length).replace(/[0-9A-Fa-f]/g, '*');
}

export const ipv6: Detector = {
  kind: 'ipv6',
  // Either a `::` or six full groups and the start of a seventh: what every valid form contains.
  prefilter: '::|[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){5}:[0-9A-Fa-f]',
  find: (text) => spans(IPV6, text, isValidIpv6),
  mask: maskIpv6,
};
