/**
 * Shared pieces of the security checks (auth, cors, rate_limit, injection): a probe client that sends what
 * the target's own client would not (no key, a wrong key, a preflight), accepted-status sets, and evidence
 * hygiene. Two rules hold everywhere: a probe never carries the real key, and every piece of evidence is
 * scrubbed of every key we know before it leaves the check (the run's redactor does not know `validKey`).
 */
import type { HttpEvidence } from '../../run/events.js';
import { isSecretHeader, OpenAIClient, redactDeep } from '../../target/index.js';
import { clientOptions } from '../client-options.js';
import type { ApiContext } from './common.js';

/** Accepted statuses as the schema writes them: a list of codes or a class like "4xx". */
export type Statuses = number[] | '2xx' | '3xx' | '4xx' | '5xx';

/** The env variable curl lines of probes name for the credential; replaced by the made-up value it stands for. */
const PROBE_ENV = 'GAUNTLET_PROBE_CREDENTIAL';
/** What toCurl keeps literal before the env reference: an auth scheme and one space ("Bearer "). */
const SCHEME = /^(\w+)\s+/;

/** True when `status` is one of `expected`. */
export function statusIn(status: number, expected: Statuses): boolean {
  if (Array.isArray(expected)) return expected.includes(status);
  return Math.floor(status / 100) === Number(expected[0]);
}

/** "401", "401 or 403", "a 4xx": for messages. */
export function describeStatuses(expected: Statuses): string {
  if (!Array.isArray(expected)) return `a ${expected}`;
  if (expected.length === 1) return String(expected[0]);
  return `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}`;
}

/**
 * A client for the target without any credential header and with retries off (a 401 or a 429 must be
 * seen as it came). `apiKey` sends that key instead. Close it when done.
 */
export function probeClient(api: ApiContext, apiKey?: string): OpenAIClient {
  const base = clientOptions(api.target.config, api.target.baseUrl);
  const headers = Object.fromEntries(
    Object.entries(base.headers ?? {}).filter(([name]) => !isSecretHeader(name)),
  );
  return new OpenAIClient({
    ...base,
    headers,
    retry: { ...base.retry, maxRetries: 0 },
    ...(apiKey ? { apiKey } : { apiKey: undefined, apiKeyEnv: PROBE_ENV }),
  });
}

/**
 * Evidence of a probe that sent a made-up credential: the redactor hid it like a real key, so its curl
 * line would read the credential from the environment. The value is ours and worthless, so the line and
 * the request headers show it literally and reproduce the probe exactly.
 */
export function withLiteralCredential(evidence: HttpEvidence, header: string, value: string): HttpEvidence {
  const envValue = SCHEME.test(value) ? value.replace(SCHEME, '') : value;
  // Our made-up values are [A-Za-z0-9+/=_-] only, so they are safe inside the double quotes toCurl wrote.
  const safe = /^[\w+/=.-]*$/.test(envValue);
  return {
    ...evidence,
    ...(evidence.curl && safe ? { curl: evidence.curl.replaceAll(`$${PROBE_ENV}`, envValue) } : {}),
    ...(evidence.request
      ? { request: { ...evidence.request, headers: { ...evidence.request.headers, [header]: value } } }
      : {}),
  };
}

/** Every key this check knows of: the target's apiKey, credential headers, and the auth check's validKey. */
export function knownKeys(api: ApiContext, extra: (string | undefined)[] = []): string[] {
  const keys = new Set<string>();
  const { apiKey, headers } = api.target.config;
  if (apiKey) keys.add(apiKey);
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name) || !value) continue;
    keys.add(value);
    keys.add(value.replace(SCHEME, ''));
  }
  for (const key of extra) if (key) keys.add(key);
  return [...keys].filter((k) => k.length >= 4);
}

/** A deep copy of `value` with every known key (and its URL-encoded form) replaced by `***`. */
export function scrub<T>(api: ApiContext, value: T, extra: (string | undefined)[] = []): T {
  const keys = knownKeys(api, extra);
  return redactDeep(value, [...new Set([...keys, ...keys.map(encodeURIComponent)])]);
}

/** "1 request", "2 requests". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A response body cut short for a message, quoted. */
export function quoteExcerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
