/**
 * Secrets never reach a log, a report or a stored run (DESIGN.md). Everything that leaves the client as
 * evidence goes through here: header values by name, and known secret values wherever they appear.
 */
export const REDACTED = '***';

const SECRET_HEADER = /key|token|secret|auth|cookie|password|credential/i;
// Rate-limit headers say "tokens" (x-ratelimit-remaining-tokens) but are useful evidence, not secrets.
const NOT_SECRET_HEADER = /ratelimit/i;
// Replacing very short "secrets" everywhere would shred excerpts ("1" in every number) for no gain.
const MIN_SECRET_LENGTH = 4;
const SCHEME = /^(\w+)\s+(.+)$/;

/** True when a header's value is a credential (Authorization, api-key, cookies, anything key/token/secret/auth). */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name) && !NOT_SECRET_HEADER.test(name);
}

/** Replaces every occurrence of each known secret in `text` by `***`. */
export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a token inside a longer header value does not leave half of the value behind.
  for (const secret of usable(secrets)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of `headers` with credential values masked (keeping an auth scheme) and known secrets removed. */
export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) {
      out[name] = redactString(value, secrets);
      continue;
    }
    // "Bearer ***" still tells a reader which scheme was used, which is often the bug.
    const scheme = /^authorization$/i.test(name) ? SCHEME.exec(value) : null;
    out[name] = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
  }
  return out;
}

/** A deep copy of a JSON-like value with known secrets replaced in every string. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (usable(secrets).length === 0) return value;
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, secrets);
    return out;
  }
  return value;
}

/** The secret values to scrub: the given ones plus every credential header value (and its token part). */
export function collectSecrets(
  headers: Record<string, string> = {},
  extra: readonly (string | undefined)[] = [],
): string[] {
  const found = new Set<string>();
  for (const value of extra) if (value) found.add(value);
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name) || !value) continue;
    found.add(value);
    const scheme = SCHEME.exec(value);
    if (scheme?.[2]) found.add(scheme[2]);
  }
  return [...found];
}

function usable(secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}
