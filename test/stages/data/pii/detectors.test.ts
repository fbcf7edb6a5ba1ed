import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { luhn } from '../../../../src/stages/data/pii/detectors/credit-card.js';
import { ibanRemainder } from '../../../../src/stages/data/pii/detectors/iban.js';
import { detectors } from '../../../../src/stages/data/pii/detectors/index.js';
import { findPii, maskSample, maskText } from '../../../../src/stages/data/pii/find.js';
import { type PiiKind, piiKinds } from '../../../../src/stages/data/pii/types.js';

/** For each kind: texts holding exactly one match (the value in [brackets] is what must be found), and texts with none. */
const cases: Record<PiiKind, { positive: string[]; negative: string[] }> = {
  email: {
    positive: [
      '[john.doe@example.com]',
      'write to [J_Smith+news@Sub.Example.ORG].',
      'a,[x@mail.example.co.uk],b',
      "<[o'brien@example.ie]>".replace("'", ''),
    ],
    negative: ['user@localhost', '@example.com', 'john..doe@example.com', 'a@b.c', 'name at example dot com'],
  },
  phone: {
    positive: [
      'call [+1 415 555 2671] now',
      '[+14155552671]',
      '[+44 20 7946 0958]',
      'tel:[+49 30 901820]',
      '[+33 1 42 68 53 00]',
      '[(415) 555-2671]',
      '[415-555-2671]',
      'office [415.555.2671]',
      '[1-800-555-0199]',
      '[030 901820]',
      '[06 12 34 56 78]',
      '[020 7946 0958]',
      '[0151-12345678]',
    ],
    negative: [
      '12345678901',
      '4155552671',
      'released 2024-01-15 10:30:00',
      'on 15/01/2024',
      'on 01.02.2024',
      '01-12-2024 10:30',
      'version 1.2.3',
      'v10.15.7',
      'pi is 3.14159265',
      'up +5%',
      '+12345',
      '123-456-7890',
      'ip 10.0.0.1',
    ],
  },
  credit_card: {
    positive: [
      '[4242 4242 4242 4242]',
      'card [4111-1111-1111-1111] exp 12/26',
      '[5555555555554444]',
      'amex [3782 822463 10005]',
      '[6011 1111 1111 1117]',
      '[4242 4242 4242 4242] 12/26',
    ],
    negative: [
      '4242 4242 4242 4241',
      '4111-1111-1111-1112',
      '1700000000000',
      '4242 4242 42',
      '0000 0000 0000 0000',
      'order 12345678901234567890123',
    ],
  },
  iban: {
    positive: [
      '[DE89 3704 0044 0532 0130 00]',
      'IBAN [DE89370400440532013000] EUR',
      '[GB82 WEST 1234 5698 7654 32]',
      '[FR14 2004 1010 0505 0001 3M02 606]',
      '[NO93 8601 1117 947]',
    ],
    negative: [
      'DE89 3704 0044 0532 0130 01',
      'GB82 WEST 1234 5698 7654 33',
      'XX89 3704 0044 0532 0130 00',
      'DE89 3704 0044 0532 0130',
      'de89 3704 0044 0532 0130 00',
    ],
  },
  ssn: {
    positive: ['[078-05-1120]', 'ssn: [123-45-6789].', '[219 09 9999]'],
    negative: [
      '000-12-3456',
      '666-12-3456',
      '900-12-3456',
      '123-00-4567',
      '123-45-0000',
      '123-45-67890',
      '123456789',
    ],
  },
  ipv4: {
    positive: ['[192.168.1.1]', 'dns [8.8.8.8]', 'host [10.0.0.255]:8080', 'http://[172.16.254.1]/x'],
    negative: [
      '256.1.1.1',
      '1.2.3',
      'v1.2.3.4',
      '1.2.3.4.5',
      '192.168.001.1',
      '01.02.2024',
      '999.999.999.999',
    ],
  },
  ipv6: {
    positive: [
      '[2001:0db8:85a3:0000:0000:8a2e:0370:7334]',
      '[2001:db8::1]',
      'loopback [::1]',
      '[fe80::1ff:fe23:4567:890a]%eth0',
      '[::ffff:192.0.2.128]',
      '[2001:db8::]',
    ],
    negative: [
      '10:30:00',
      '00:1A:2B:3C:4D:5E',
      'std::vector',
      '::',
      '1:2:3:4:5:6:7',
      '2001:db8:::1',
      '12:30',
    ],
  },
  api_key: {
    positive: [
      'key=[sk-4fGh7Kl2Mn9Pq3Rs8Tv1Wx6Yz0AbCdEfGh]',
      '[sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_AB-CD]',
      '[AKIAIOSFODNN7EXAMPLE]',
      '[ghp_abcdefghijklmnopqrstuvwxyz0123456789]',
      '[github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz]',
      '[xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp]',
      '[AIzaSyA1234567890abcdefghijklmnopqrstuv]',
      '[eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U]',
      'Authorization: [Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0]',
    ],
    negative: [
      'import sk-learn',
      'task-management-system-design-notes',
      'sk-this-is-a-long-lowercase-slug-without-digits',
      'AKIA1234',
      'ghp_short',
      'eyJub3QgYSBqd3Q.eyJ4Ijp9.abc',
      'Bearer authentication-is-required-here',
    ],
  },
};

const strip = (s: string) => s.replace(/[[\]]/g, '');
const expected = (s: string) => /\[([^\]]*)\]/.exec(s)?.[1];

describe.each(piiKinds)('the %s detector', (kind) => {
  const { positive, negative } = cases[kind];

  it.each(positive)('finds %s', (text) => {
    const found = findPii(strip(text), [kind]);
    expect(found.map((m) => m.value)).toEqual([expected(text)]);
    expect(found[0]?.kind).toBe(kind);
  });

  it.each(negative)('finds nothing in %s', (text) => {
    expect(findPii(text, [kind])).toEqual([]);
  });

  it('has a prefilter that matches every positive, in JS and in DuckDB (RE2)', async () => {
    const texts = positive.map(strip);
    const re = new RegExp(detectors[kind].prefilter);
    for (const t of texts) expect(re.test(t), t).toBe(true);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const r = await c.runAndReadAll(
      `SELECT regexp_matches(t, ${lit(detectors[kind].prefilter)}) FROM (VALUES ${texts.map((t) => `(${lit(t)})`).join(', ')}) v(t)`,
    );
    expect(r.getColumnsJS()[0]).toEqual(texts.map(() => true));
    c.closeSync();
    instance.closeSync();
  });

  it('masks its samples without the raw value', () => {
    for (const text of positive) {
      const value = expected(text) as string;
      const masked = maskSample({ kind, value });
      expect(masked).not.toBe(value);
      expect(masked).not.toContain(value.slice(0, -4).length > 4 ? value.slice(0, -4) : value);
    }
  });
});

describe('validators', () => {
  it('checks Luhn and IBAN mod-97 the documented way', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
    expect(ibanRemainder('GB82WEST12345698765432')).toBe(1);
    expect(ibanRemainder('GB82WEST12345698765433')).not.toBe(1);
  });
});

describe('masked samples', () => {
  it('keep the shape and hide the value', () => {
    expect(maskSample({ kind: 'email', value: 'john.doe@example.com' })).toBe('j***@e***.com');
    expect(maskSample({ kind: 'credit_card', value: '4242 4242 4242 4242' })).toBe('**** **** **** 4242');
    expect(maskSample({ kind: 'api_key', value: 'sk-4fGh7Kl2Mn9Pq3Rs8Tv1Wx6Yz0AbCdEfGh' })).toBe('sk-…EfGh');
    expect(maskSample({ kind: 'phone', value: '+1 415 555 2671' })).toBe('+* *** *** **71');
    expect(maskSample({ kind: 'iban', value: 'DE89 3704 0044 0532 0130 00' })).toBe(
      'DE** **** **** **** **30 00',
    );
    expect(maskSample({ kind: 'ssn', value: '078-05-1120' })).toBe('***-**-1120');
    expect(maskSample({ kind: 'ipv4', value: '192.168.1.20' })).toBe('192.*.*.*');
    expect(maskSample({ kind: 'ipv6', value: '2001:db8::1' })).toBe('2001:***::*');
  });
});

describe('findPii and maskText', () => {
  it('keep the leftmost longest match and prefer the stricter kind on a tie', () => {
    const text =
      'ssn 078-05-1120, auth Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz, ip ::ffff:192.0.2.128';
    expect(findPii(text).map((m) => m.kind)).toEqual(['ssn', 'api_key', 'ipv6']);
  });

  it('replaces each match with a typed placeholder and leaves the rest', () => {
    const r = maskText('mail john@example.com or card 4242-4242-4242-4242 (not 4242-4242-4242-4241)');
    expect(r.text).toBe('mail [EMAIL] or card [CREDIT_CARD] (not 4242-4242-4242-4241)');
    expect(r.matches.map((m) => m.kind)).toEqual(['email', 'credit_card']);
    expect(maskText('nothing here').text).toBe('nothing here');
  });

  it('finds only the kinds asked for', () => {
    expect(findPii('john@example.com 192.168.1.1', ['ipv4']).map((m) => m.value)).toEqual(['192.168.1.1']);
  });
});

describe('prefilters', () => {
  it('never reject a text in which a detector finds something (seeded random texts)', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const chars = [...'0123456789 .-:+()/@abcdefABCDEFxyzKsk_eyJ'];
    const parts = [
      ...[
        '4242',
        ' ',
        '-',
        '+1 ',
        '(415) ',
        '555',
        '2671',
        '::',
        'ffff:',
        '192.168.',
        '1.',
        'DE89 ',
        '3704 ',
      ],
      ...[
        'AKIA',
        'sk-',
        'Bearer ',
        'eyJhbGciOiJIUzI1NiJ9',
        '.',
        '@example.com',
        'john',
        '078-05-',
        '1120',
        '0',
      ],
      ...['06 12 34 ', '2001:db8', ':'],
    ];
    let found = 0;
    for (let n = 0; n < 20000; n++) {
      let text = '';
      for (let i = Math.floor(rnd() * 12); i >= 0; i--) text += rnd() < 0.6 ? pick(parts) : pick(chars);
      for (const kind of piiKinds) {
        if (detectors[kind].find(text).length === 0) continue;
        found++;
        expect(new RegExp(detectors[kind].prefilter).test(text), `${kind}: ${JSON.stringify(text)}`).toBe(
          true,
        );
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});
