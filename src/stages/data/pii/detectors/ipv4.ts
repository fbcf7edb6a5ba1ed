/**
 * IPv4 addresses in dotted-quad form: four octets of at most 255 without leading zeros. A quad with
 * a letter before it (`v1.2.3.4`) or more dotted numbers around it (`1.2.3.4.5`) is a version string.
 */
import type { Detector } from '../types.js';
import { spans } from './match.js';

const IPV4 = /(?<![0-9A-Za-z_.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9A-Za-z_]|\.[0-9])/g;

/** True when every octet of a dotted quad is 0-255 with no leading zero. */
export function isValidIpv4(candidate: string): boolean {
  const parts = candidate.split('.');
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** `192.168.1.20` → `192.*.*.*`. */
export const maskIpv4 = (value: string) => `${value.split('.')[0]}.*.*.*`;

export const ipv4: Detector = {
  kind: 'ipv4',
  prefilter: '[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}',
  find: (text) => spans(IPV4, text, isValidIpv4),
  mask: maskIpv4,
};
