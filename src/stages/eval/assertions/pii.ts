/** pii: passes when personal data occurs in the output (use not-pii to forbid it); `kinds` narrows the search. */
import type { AssertionHandler } from '../types.js';
import { findPii, maskPii } from './pii-detectors.js';
import { type Of, outcome } from './result.js';

/** Finds emails, phones, cards (Luhn), IBANs (mod-97), SSNs, IPs and API keys; the reason shows them masked. */
export const pii: AssertionHandler<Of<'pii'>> = (a, output) => {
  const found = findPii(output, a.kinds);
  const scope = a.kinds ? ` (looked for ${a.kinds.join(', ')})` : '';
  if (found.length === 0) return outcome(a, false, 0, `no personal data found${scope}`, { found: [] });
  const shown = found.map((m) => ({ kind: m.kind, value: maskPii(m) }));
  const kinds = [...new Set(found.map((m) => m.kind))];
  const list = shown
    .slice(0, 5)
    .map((m) => `${m.kind} ${m.value}`)
    .join(', ');
  const more = shown.length > 5 ? ` and ${shown.length - 5} more` : '';
  return outcome(a, true, 1, `personal data found (${kinds.join(', ')}): ${list}${more}`, {
    kinds,
    found: shown,
  });
};
