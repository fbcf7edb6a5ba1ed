/**
 * The injection check's material: built-in payloads, where they go, and what in an answer counts as a
 * finding (see checks/injection.ts for the rules). Pure functions, no I/O.
 */

export type PayloadKind = 'sql' | 'nosql' | 'traversal' | 'xss' | 'custom';

export interface Payload {
  kind: PayloadKind;
  value: string;
}

/** SQL/NoSQL, path traversal (plain, encoded, double-encoded) and XSS: what requirement documents list. */
export const BUILTIN_PAYLOADS: readonly Payload[] = [
  { kind: 'sql', value: "' OR 1=1 --" },
  { kind: 'sql', value: "'; DROP TABLE models; --" },
  { kind: 'nosql', value: '{"$gt": ""}' },
  { kind: 'traversal', value: '../../etc/passwd' },
  { kind: 'traversal', value: '..%2F..%2F..%2Fetc%2Fpasswd' },
  { kind: 'traversal', value: '%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
  { kind: 'traversal', value: '..%252f..%252f..%252fetc%252fpasswd' },
  { kind: 'xss', value: '<script>alert(1)</script>' },
  { kind: 'xss', value: '"><img src=x onerror=alert(1)>' },
];

/** The built-ins plus the user's, without duplicates. */
export function allPayloads(extra: readonly string[]): Payload[] {
  const seen = new Set(BUILTIN_PAYLOADS.map((p) => p.value));
  const custom = extra.filter((v) => !seen.has(v) && seen.add(v)).map((value) => ({ kind: 'custom', value }));
  return [...BUILTIN_PAYLOADS, ...(custom as Payload[])];
}

/**
 * A payload as one URL path segment or query value. One that is already URL-encoded (only unreserved
 * characters and %XX escapes, at least one of them) goes as written: that is the point of the encoded
 * traversal variants. Any other is percent-encoded, so `/` and `..` cannot be normalised away by a URL
 * parser before the server sees them, and `'`, `<`, spaces arrive as the server's decoder makes them.
 */
export function urlComponent(value: string): string {
  if (/%[0-9A-Fa-f]{2}/.test(value) && /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/.test(value)) return value;
  return encodeURIComponent(value);
}

/** A JSON object payload (`{"$gt": ""}`) also goes into the body as an object: NoSQL operators are objects. */
export function asObject(value: string): Record<string, unknown> | undefined {
  if (!value.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Only payloads carrying markup can be reflected as markup. */
export function hasMarkup(value: string): boolean {
  return /[<>]/.test(value);
}

const LEAKS: readonly { what: string; pattern: RegExp }[] = [
  // Node frames: "at fn (/srv/app.js:1:2)", "at Object.<anonymous> (", "at async x (file:///...)".
  { what: 'a Node stack trace', pattern: /\bat Object\.<anonymous> \(/ },
  {
    what: 'a Node stack trace',
    pattern: /\bat (?:async )?[\w$.<>[\] ]{1,80} \((?:node:|file:\/\/|\/|[A-Za-z]:\\)[^()\s]*:\d+:\d+\)/,
  },
  { what: 'a Python traceback', pattern: /Traceback \(most recent call last\)/ },
  { what: 'a Python traceback', pattern: /File "[^"\n]{1,300}", line \d+/ },
  { what: 'a Java stack trace', pattern: /Exception in thread "|\bat [\w$.]+\([\w$]+\.java:\d+\)/ },
  { what: 'server file paths', pattern: /\/node_modules\/|\/site-packages\// },
  {
    what: 'a database error',
    pattern:
      /syntax error at or near|SQLSTATE|You have an error in your SQL syntax|SQLITE_ERROR|ORA-\d{5}|unterminated quoted string|Unclosed quotation mark|MongoServerError|psycopg2\.|pymysql\.err/,
  },
  { what: 'the contents of /etc/passwd', pattern: /root:[x*]?:0:0:/ },
];

/** What the text leaks (stack traces, SQL errors, file contents), ignoring where it merely repeats the payload. */
export function findLeaks(text: string, payload: string): { what: string; match: string }[] {
  const stripped = text.split(payload).join(' ');
  const found = new Map<string, string>();
  for (const { what, pattern } of LEAKS) {
    const match = pattern.exec(stripped);
    if (match && !found.has(what)) found.set(what, match[0].slice(0, 80));
  }
  return [...found].map(([what, match]) => ({ what, match }));
}

/** Every string value of a JSON value, with its path (`error.message`). */
export function stringValues(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path: path || '(body)', value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringValues(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringValues(v, path ? `${path}.${k}` : k));
  }
  return [];
}

export type Segment = string | number;

/** Paths to the string fields of a request body worth injecting into (at most `max`). */
export function stringFields(body: unknown, openai: boolean, max = 8): Segment[][] {
  const out: Segment[][] = [];
  const walk = (value: unknown, path: Segment[]) => {
    if (out.length >= max) return;
    if (typeof value === 'string') {
      // An OpenAI message's role is an enum the server checks first; injecting there tests nothing more.
      if (!(openai && path.at(-1) === 'role')) out.push(path);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(body, []);
  return out;
}

/** A deep copy of `body` with `path` set to `value`. */
export function setAt(body: unknown, path: readonly Segment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  if (Array.isArray(body)) {
    const copy = [...body];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const obj = (body ?? {}) as Record<string, unknown>;
  return { ...obj, [head]: setAt(obj[head as string], rest, value) };
}

/** `messages[0].content`. */
export function formatPath(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
