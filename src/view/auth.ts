/**
 * Who may talk to the viewer: whoever holds the random token printed at start (in the URL once, then an
 * HttpOnly SameSite=Strict cookie, or `Authorization: Bearer`), and only through the loopback host:port it
 * is bound to, so a web page that rebinds its own DNS name to 127.0.0.1 is refused too.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The session cookie's name. Cookies are scoped by host, not port, so each viewer (one per port) has its own
 * name: two viewers open at once do not log each other out.
 */
export const cookieName = (port: number) => `gauntlet_view_${port}`;

/** A fresh token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a presented token with the real one. */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  // Digests have equal lengths, which timingSafeEqual needs, whatever the length of the guess.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The token a request carries in its bearer header or its cookie. */
export function presentedToken(req: Pick<IncomingMessage, 'headers'>, cookie: string): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieValue(req.headers.cookie, cookie);
}

/** The Host header values a request to the viewer bound at host:port may carry. */
export function allowedHosts(host: string, port: number): Set<string> {
  const name = host.includes(':') ? `[${host}]` : host;
  const out = new Set([`${name}:${port}`]);
  if (host === '127.0.0.1' || host === '::1') out.add(`localhost:${port}`);
  return out;
}

/** The Set-Cookie header that keeps the token for the session (no Max-Age: gone with the browser). */
export function sessionCookie(name: string, token: string): string {
  return `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** What a request is allowed to do. */
export type AuthDecision =
  | { kind: 'ok' }
  | { kind: 'bad-host'; host: string }
  | { kind: 'login'; location: string }
  | { kind: 'unauthorized' };

/** Decides a request: wrong Host first, then a valid `?token=` (log in and drop it), then cookie or bearer. */
export function authorize(
  req: Pick<IncomingMessage, 'headers' | 'url'>,
  token: string,
  where: { hosts: Set<string>; cookie: string },
): AuthDecision {
  const { hosts, cookie } = where;
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { kind: 'bad-host', host };
  const url = new URL(req.url ?? '/', 'http://viewer.invalid');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    if (!tokenMatches(fromQuery, token)) return { kind: 'unauthorized' };
    url.searchParams.delete('token');
    return { kind: 'login', location: url.pathname + url.search };
  }
  return tokenMatches(presentedToken(req, cookie), token) ? { kind: 'ok' } : { kind: 'unauthorized' };
}

/** The body of a 401. */
export const UNAUTHORIZED_TEXT =
  'Unauthorized: open the viewer with the URL `gauntlet view` printed (it carries ?token=...), or send Authorization: Bearer TOKEN.\n';
