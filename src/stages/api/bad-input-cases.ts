/**
 * The bodies the bad_input check sends, all derived from the one valid request body. OpenAI targets get
 * the requirement documents' list (`{}`, missing and empty prompt, out-of-range numbers, wrong types); other
 * targets the same ideas applied to whatever fields the configured body has. Both also get invalid JSON
 * bytes, a text/plain content type and an oversized body; the user's cases come after the built-ins.
 */
import type { ApiChecks } from '../../config/stages/api.js';
import {
  fieldPaths,
  formatPath,
  getAt,
  isPlainObject,
  type JsonPath,
  jsonType,
  parsePath,
  removeAt,
  setAt,
} from './bodies.js';
import type { Statuses } from './security.js';

/** One request the server must reject. */
export interface BadInputCase {
  name: string;
  /** A JSON value to send (serialised), unless `raw` is set. */
  body?: unknown;
  /** Bytes to send as they are. */
  raw?: string;
  contentType?: string;
  expect: Statuses;
  /** Set when the user named this case's statuses; a 5xx is then accepted only if listed. */
  userExpect: boolean;
  /** An oversized body: how it was built, so evidence can describe it instead of holding it. */
  oversize?: { prefix: string; fillerBytes: number; suffix: string };
}

type Options = NonNullable<ApiChecks['bad_input']>;

/** The text that fills oversized bodies: what `yes 'lorem ipsum' | tr '\n' ' '` prints, so curl can rebuild it. */
export const FILLER_UNIT = 'lorem ipsum ';
const FILLER_MARK = '\u0000gauntlet-filler\u0000';
// Generic variations stop here: a body with hundreds of fields would otherwise make hundreds of requests.
const MAX_FIELDS = 24;

/** Built-in cases for `valid` (none when there is no body to vary). */
export function builtinCases(valid: unknown, openai: boolean, opts: Options): BadInputCase[] {
  if (valid === undefined) return [];
  const mk = (name: string, body: unknown): BadInputCase => ({
    name,
    body,
    expect: opts.expect,
    userExpect: false,
  });
  const chat = openai && isPlainObject(valid) && Array.isArray(valid.messages);
  const completion = openai && isPlainObject(valid) && typeof valid.prompt === 'string';
  const cases: BadInputCase[] = [];
  if (isPlainObject(valid) && Object.keys(valid).length > 0) cases.push(mk('empty object {}', {}));
  if (chat || completion) {
    const field = chat ? 'messages' : 'prompt';
    cases.push(mk(`missing ${field}`, removeAt(valid, [field])));
    if (chat) {
      const last = (valid as { messages: unknown[] }).messages.length - 1;
      cases.push(mk('empty message content', setAt(valid, ['messages', last, 'content'], '')));
      cases.push(mk('messages is a string', setAt(valid, ['messages'], 'Say hello.')));
    } else {
      cases.push(mk('empty prompt', setAt(valid, ['prompt'], '')));
      cases.push(mk('prompt is an object', setAt(valid, ['prompt'], { text: 'hello' })));
    }
    cases.push(mk('max_tokens -1', setAt(valid, ['max_tokens'], -1)));
    cases.push(mk('temperature 2.5', setAt(valid, ['temperature'], 2.5)));
    cases.push(mk('top_p 1.5', setAt(valid, ['top_p'], 1.5)));
    cases.push(mk('max_tokens is a string', setAt(valid, ['max_tokens'], 'eight')));
  } else {
    cases.push(...genericCases(valid, mk));
  }
  const text = JSON.stringify(valid);
  cases.push({
    name: 'invalid JSON (the body cut in half)',
    raw: text.length > 1 ? text.slice(0, Math.ceil(text.length / 2)) : '{',
    expect: opts.expect,
    userExpect: false,
  });
  cases.push({
    name: 'Content-Type: text/plain',
    raw: text,
    contentType: 'text/plain',
    expect: opts.expect,
    userExpect: false,
  });
  cases.push(oversized(valid, chat, opts));
  return cases;
}

/** Each field removed, each string emptied, each number negative and huge, each top-level field mistyped. */
function genericCases(valid: unknown, mk: (name: string, body: unknown) => BadInputCase): BadInputCase[] {
  const cases: BadInputCase[] = [];
  if (isPlainObject(valid)) {
    for (const key of Object.keys(valid).slice(0, MAX_FIELDS))
      cases.push(mk(`without ${key}`, removeAt(valid, [key])));
  }
  const leaves = fieldPaths(valid).filter(
    (p) => !['object', 'array'].includes(jsonType(getAt(valid, p).value)),
  );
  for (const path of leaves.slice(0, MAX_FIELDS)) {
    const value = getAt(valid, path).value;
    const name = formatPath(path);
    if (typeof value === 'string') cases.push(mk(`${name} empty`, setAt(valid, path, '')));
    if (typeof value === 'number') {
      cases.push(mk(`${name} negative`, setAt(valid, path, value < 0 ? value * 1000 - 1 : -1)));
      cases.push(mk(`${name} huge (1e308)`, setAt(valid, path, 1e308)));
    }
  }
  if (isPlainObject(valid)) {
    for (const [key, value] of Object.entries(valid).slice(0, MAX_FIELDS)) {
      const wrong = wrongType(value);
      if (wrong !== undefined)
        cases.push(
          mk(
            `${key} is ${jsonType(wrong) === 'number' ? 'a number' : `a ${jsonType(wrong)}`}`,
            setAt(valid, [key], wrong),
          ),
        );
    }
  }
  return cases;
}

function wrongType(value: unknown): unknown {
  switch (jsonType(value)) {
    case 'string':
      return 12345;
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not an array';
    case 'object':
      return 'not an object';
    default:
      return undefined;
  }
}

/** The valid body with its prompt (or longest string) filled to `oversizeBytes`. */
function oversized(valid: unknown, chat: boolean, opts: Options): BadInputCase {
  let path: JsonPath | undefined;
  if (chat) path = ['messages', (valid as { messages: unknown[] }).messages.length - 1, 'content'];
  else if (isPlainObject(valid) && typeof valid.prompt === 'string') path = ['prompt'];
  else {
    const strings = fieldPaths(valid).filter((p) => typeof getAt(valid, p).value === 'string');
    path = strings.sort(
      (a, b) => String(getAt(valid, b).value).length - String(getAt(valid, a).value).length,
    )[0];
  }
  let marked: unknown;
  if (path) marked = setAt(valid, path, FILLER_MARK);
  else if (isPlainObject(valid)) marked = { ...valid, padding: FILLER_MARK };
  else if (Array.isArray(valid)) marked = [...valid, FILLER_MARK];
  else marked = FILLER_MARK;
  const [prefix = '', suffix = ''] = JSON.stringify(marked).split(JSON.stringify(FILLER_MARK).slice(1, -1));
  const fillerBytes = Math.max(1, opts.oversizeBytes - Buffer.byteLength(prefix) - Buffer.byteLength(suffix));
  const where = path ? formatPath(path) : 'an added "padding" field';
  return {
    name: `oversized body (${opts.oversizeBytes} bytes, ${where} filled)`,
    raw: prefix + filler(fillerBytes) + suffix,
    expect: opts.expect,
    userExpect: false,
    oversize: { prefix, fillerBytes, suffix },
  };
}

/** `bytes` characters of repeated FILLER_UNIT. */
export function filler(bytes: number): string {
  return FILLER_UNIT.repeat(Math.ceil(bytes / FILLER_UNIT.length)).slice(0, bytes);
}

/** The user's cases, applied to the valid body. */
export function userCases(valid: unknown, cases: Options['cases']): BadInputCase[] {
  return cases.map((c) => {
    const expect = c.expect ?? '4xx';
    const base = { name: c.name, expect, userExpect: c.expect !== undefined };
    if (c.raw !== undefined)
      return { ...base, raw: c.raw, ...(c.contentType ? { contentType: c.contentType } : {}) };
    let body = c.body !== undefined ? c.body : valid;
    for (const [path, value] of Object.entries(c.set ?? {})) body = setAt(body, parsePath(path), value);
    for (const path of c.remove ?? []) body = removeAt(body, parsePath(path));
    return { ...base, body, ...(c.contentType ? { contentType: c.contentType } : {}) };
  });
}
