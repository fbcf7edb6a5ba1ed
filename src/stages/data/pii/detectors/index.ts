/** Every detector, keyed by its kind: a kind without a detector fails to compile. */
import type { Detector, PiiKind } from '../types.js';
import { apiKey } from './api-key.js';
import { creditCard } from './credit-card.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { ipv4 } from './ipv4.js';
import { ipv6 } from './ipv6.js';
import { phone } from './phone.js';
import { ssn } from './ssn.js';

export const detectors = {
  email,
  phone,
  credit_card: creditCard,
  iban,
  ssn,
  ipv4,
  ipv6,
  api_key: apiKey,
} satisfies Record<PiiKind, Detector>;

/**
 * Which kind wins when two matches start at the same place with the same length: secrets and
 * checksummed kinds before the looser shapes (an SSN also looks like a European phone number).
 */
export const priority: readonly PiiKind[] = [
  'api_key',
  'email',
  'iban',
  'credit_card',
  'ssn',
  'ipv6',
  'ipv4',
  'phone',
];
