import { describe, expect, it } from 'vitest';
import {
  collectSecrets,
  isSecretHeader,
  redactDeep,
  redactHeaders,
  redactString,
} from '../../src/target/redact.js';

describe('redact', () => {
  it('recognises credential headers but not rate-limit token counters', () => {
    for (const name of [
      'Authorization',
      'api-key',
      'X-API-Key',
      'Cookie',
      'set-cookie',
      'x-auth-token',
      'X-Secret',
    ])
      expect(isSecretHeader(name), name).toBe(true);
    for (const name of ['content-type', 'x-ratelimit-remaining-tokens', 'keep-alive', 'x-request-id'])
      expect(isSecretHeader(name), name).toBe(false);
  });

  it('masks credential headers, keeping the auth scheme, and scrubs secrets from other values', () => {
    const out = redactHeaders(
      { Authorization: 'Bearer sk-live-123456', 'api-key': 'azure-key-999', 'x-echo': 'saw sk-live-123456' },
      ['sk-live-123456'],
    );
    expect(out).toEqual({ Authorization: 'Bearer ***', 'api-key': '***', 'x-echo': 'saw ***' });
  });

  it('replaces every occurrence of each secret, longest first, and ignores trivially short ones', () => {
    expect(redactString('a sk-abcdef b sk-abcdef-long c', ['sk-abcdef', 'sk-abcdef-long'])).toBe(
      'a *** b *** c',
    );
    expect(redactString('1 + 1', ['1'])).toBe('1 + 1');
  });

  it('redacts strings deep inside a body without touching keys like max_tokens', () => {
    const body = { max_tokens: 5, messages: [{ role: 'user', content: 'my key is sk-abcdef' }] };
    expect(redactDeep(body, ['sk-abcdef'])).toEqual({
      max_tokens: 5,
      messages: [{ role: 'user', content: 'my key is ***' }],
    });
    expect(body.messages[0]?.content).toBe('my key is sk-abcdef');
  });

  it('collects secret values and their token part from credential headers', () => {
    const secrets = collectSecrets(
      { authorization: 'Bearer tok-123456', 'x-custom-token': 'zzz-999', accept: 'x' },
      ['sk-extra', undefined],
    );
    expect(secrets.sort()).toEqual(['Bearer tok-123456', 'sk-extra', 'tok-123456', 'zzz-999']);
  });
});
