import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  authorize,
  cookieName,
  cookieValue,
  newToken,
  sessionCookie,
  tokenMatches,
} from '../../src/view/auth.js';

const token = newToken();
const COOKIE = cookieName(4000);
const hosts = { hosts: allowedHosts('127.0.0.1', 4000), cookie: COOKIE };
const req = (url: string, headers: Record<string, string> = {}) => ({
  url,
  headers: { host: '127.0.0.1:4000', ...headers },
});

describe('viewer auth', () => {
  it('makes 32-byte base64url tokens, a new one each time', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
  });

  it('compares tokens whatever their length', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });

  it('logs in with ?token= once: a redirect to the same URL without it', () => {
    expect(authorize(req(`/trends?suite=a&token=${token}`), token, hosts)).toEqual({
      kind: 'login',
      location: '/trends?suite=a',
    });
    expect(authorize(req(`/?token=${token}`), token, hosts)).toEqual({ kind: 'login', location: '/' });
    expect(authorize(req('/?token=wrong'), token, hosts)).toEqual({ kind: 'unauthorized' });
    expect(sessionCookie(COOKIE, token)).toBe(
      `gauntlet_view_4000=${token}; HttpOnly; SameSite=Strict; Path=/`,
    );
  });

  it('accepts the cookie or a bearer header, nothing else', () => {
    expect(authorize(req('/', { cookie: `a=1; ${COOKIE}=${token}` }), token, hosts).kind).toBe('ok');
    expect(authorize(req('/api/runs', { authorization: `Bearer ${token}` }), token, hosts).kind).toBe('ok');
    expect(authorize(req('/'), token, hosts).kind).toBe('unauthorized');
    expect(authorize(req('/', { cookie: `${COOKIE}=nope` }), token, hosts).kind).toBe('unauthorized');
    // Another viewer's cookie (another port) does not count here.
    expect(authorize(req('/', { cookie: `${cookieName(4001)}=${token}` }), token, hosts).kind).toBe(
      'unauthorized',
    );
    expect(authorize(req('/', { authorization: `Basic ${token}` }), token, hosts).kind).toBe('unauthorized');
    expect(cookieValue('x=1;  gauntlet_view_4000 = abc ', COOKIE)).toBe('abc');
  });

  it('refuses any Host but the bound loopback host:port, even with the token', () => {
    const bearer = { authorization: `Bearer ${token}` };
    expect(authorize(req('/', { ...bearer, host: 'localhost:4000' }), token, hosts).kind).toBe('ok');
    for (const host of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', '']) {
      expect(authorize(req('/', { ...bearer, host }), token, hosts)).toEqual({ kind: 'bad-host', host });
    }
    expect(allowedHosts('::1', 5)).toEqual(new Set(['[::1]:5', 'localhost:5']));
  });
});
