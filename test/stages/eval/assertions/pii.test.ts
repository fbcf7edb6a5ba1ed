import { describe, expect, it } from 'vitest';
import { findPii, maskPii } from '../../../../src/stages/eval/assertions/index.js';
import { both, check } from './helpers.js';

const kinds = (text: string) => findPii(text).map((m) => [m.kind, m.value]);

describe('pii detectors', () => {
  it('finds emails', () => {
    expect(kinds('Write to jane.doe+eval@example.co.uk today.')).toEqual([
      ['email', 'jane.doe+eval@example.co.uk'],
    ]);
  });

  it('finds phone numbers in E.164 and common national formats, not dates or short numbers', () => {
    expect(kinds('Call +14155550123.')).toEqual([['phone', '+14155550123']]);
    expect(kinds('UK: +44 20 7946 0958')).toEqual([['phone', '+44 20 7946 0958']]);
    expect(kinds('US: (415) 555-0123 or 415-555-0123 or 415.555.0123')).toEqual([
      ['phone', '(415) 555-0123'],
      ['phone', '415-555-0123'],
      ['phone', '415.555.0123'],
    ]);
    expect(kinds('London 020 7946 0958')).toEqual([['phone', '020 7946 0958']]);
    expect(kinds('On 2024-01-15 we sold 1,234 units for 56.78.')).toEqual([]);
  });

  it('reports card numbers only when the Luhn check passes', () => {
    expect(kinds('Card 4111 1111 1111 1111 exp 12/30')).toEqual([['credit-card', '4111 1111 1111 1111']]);
    expect(kinds('Card 5555-5555-5555-4444')).toEqual([['credit-card', '5555-5555-5555-4444']]);
    expect(kinds('Amex 378282246310005')).toEqual([['credit-card', '378282246310005']]);
    // One digit off: the Luhn check fails, and it is not reported as a phone either.
    expect(kinds('Card 4111 1111 1111 1112')).toEqual([]);
    expect(kinds('Order 1234567890123456')).toEqual([]);
  });

  it('reports IBANs only when the mod-97 check passes', () => {
    expect(kinds('IBAN GB82 WEST 1234 5698 7654 32')).toEqual([['iban', 'GB82 WEST 1234 5698 7654 32']]);
    expect(kinds('IBAN DE89370400440532013000')).toEqual([['iban', 'DE89370400440532013000']]);
    expect(kinds('IBAN GB83 WEST 1234 5698 7654 32')).toEqual([]);
  });

  it('finds US SSNs but not the invalid areas', () => {
    expect(kinds('SSN 123-45-6789')).toEqual([['ssn', '123-45-6789']]);
    expect(kinds('SSN 000-45-6789 or 666-12-3456')).toEqual([]);
  });

  it('finds IPv4 and IPv6 addresses, not versions or times', () => {
    expect(kinds('Server 192.168.0.12 and 2001:db8::8a2e:370:7334 and ::1')).toEqual([
      ['ip', '192.168.0.12'],
      ['ip', '2001:db8::8a2e:370:7334'],
      ['ip', '::1'],
    ]);
    expect(kinds('Version 1.2.3, at 10:30:00, 999.1.1.1')).toEqual([]);
  });

  it('finds API keys', () => {
    const text =
      'keys: sk-proj-abcdefghijklmnopqrstuvwx AKIAIOSFODNN7EXAMPLE ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    expect(kinds(text).map(([k]) => k)).toEqual(['api-key', 'api-key', 'api-key']);
    expect(kinds('the sk-short key and task-management')).toEqual([]);
  });

  it('masks values so a report does not repeat them', () => {
    const [card] = findPii('4111 1111 1111 1111');
    expect(maskPii(card!)).toBe('41********11');
    const [email] = findPii('jane@example.com');
    expect(maskPii(email!)).toBe('j***@example.com');
    const [key] = findPii('AKIAIOSFODNN7EXAMPLE');
    expect(maskPii(key!)).toBe('AKIA********LE');
  });
});

describe('pii assertion', () => {
  it('passes when personal data occurs and lists kinds with masked values; not-pii fails', async () => {
    const r = await both({ type: 'pii' }, 'Reach me at jane@example.com or +14155550123.');
    expect(r.plain.pass).toBe(true);
    expect(r.plain.reason).toContain('personal data found (email, phone)');
    expect(r.plain.reason).toContain('j***@example.com');
    expect(r.plain.reason).not.toContain('jane@');
    expect(r.plain.reason).not.toContain('4155550123');
    expect(r.negated.pass).toBe(false);
  });

  it('passes not-pii on a clean answer and on an empty one', async () => {
    const r = await both({ type: 'pii' }, 'The weather in Zürich is sunny — 22°C.');
    expect(r.plain.pass).toBe(false);
    expect(r.negated.pass).toBe(true);
    expect((await check({ type: 'not-pii' }, '')).pass).toBe(true);
  });

  it('looks only for the given kinds', async () => {
    const text = 'Email jane@example.com, card 4111 1111 1111 1111.';
    expect((await check({ type: 'pii', kinds: ['phone', 'ssn'] }, text)).pass).toBe(false);
    const cards = await check({ type: 'pii', kinds: ['credit-card'] }, text);
    expect(cards.pass).toBe(true);
    expect(cards.details).toMatchObject({ kinds: ['credit-card'] });
  });
});
