/**
 * JSON bodies as the api checks vary them: paths into a body (`messages[0].content`, or dotted
 * `messages.0.content` as users write them), reading, setting and removing at a path, and the list of
 * every field of a body. Pure and copy-on-write: the valid request is never changed in place.
 */

/** A path into a JSON value: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

/** The JSON type of a value, as messages name it. */
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'undefined';

/** The JSON type of `value`. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'boolean' || t === 'number' || t === 'string' || t === 'undefined') return t;
  return 'object';
}

/** True for a plain (non-array, non-null) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `a.b.0.c` or `a.b[0].c` as path segments (a segment is an index only where the value is an array). */
export function parsePath(dotted: string): string[] {
  return dotted
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

/** A path the way OpenAI names a param: `messages[0].content`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(the body)' : out;
}

function step(container: unknown, seg: string | number): { found: boolean; value: unknown } {
  if (Array.isArray(container)) {
    const i = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
    return i >= 0 && i < container.length
      ? { found: true, value: container[i] }
      : { found: false, value: undefined };
  }
  if (isPlainObject(container) && Object.hasOwn(container, String(seg))) {
    return { found: true, value: container[String(seg)] };
  }
  return { found: false, value: undefined };
}

/** The value at `path`, and whether it is there at all (a field holding null is there). */
export function getAt(root: unknown, path: JsonPath): { found: boolean; value: unknown } {
  let current: { found: boolean; value: unknown } = { found: true, value: root };
  for (const seg of path) {
    current = step(current.value, seg);
    if (!current.found) return current;
  }
  return current;
}

/** A copy of `root` with `value` at `path`; missing objects on the way are created. */
export function setAt(root: unknown, path: JsonPath, value: unknown): unknown {
  const [seg, ...rest] = path as (string | number)[];
  if (seg === undefined) return value;
  if (Array.isArray(root)) {
    const i = Number(seg);
    if (Number.isInteger(i) && i >= 0) {
      const copy = [...root];
      copy[i] = setAt(root[i], rest, value);
      return copy;
    }
  }
  const base = isPlainObject(root) ? root : {};
  return { ...base, [String(seg)]: setAt(base[String(seg)], rest, value) };
}

/** A copy of `root` without what is at `path` (an array element is spliced out); unchanged if absent. */
export function removeAt(root: unknown, path: JsonPath): unknown {
  const [seg, ...rest] = path as (string | number)[];
  if (seg === undefined) return undefined;
  const here = step(root, seg);
  if (!here.found) return root;
  if (Array.isArray(root)) {
    const i = Number(seg);
    const copy = [...root];
    if (rest.length === 0) copy.splice(i, 1);
    else copy[i] = removeAt(root[i], rest);
    return copy;
  }
  const obj = root as Record<string, unknown>;
  if (rest.length === 0) {
    const { [String(seg)]: _gone, ...kept } = obj;
    return kept;
  }
  return { ...obj, [String(seg)]: removeAt(obj[String(seg)], rest) };
}

/** Every field of a body, parents before children (the body itself excluded), at most `limit`. */
export function fieldPaths(root: unknown, limit = 200): JsonPath[] {
  const out: JsonPath[] = [];
  const walk = (value: unknown, path: JsonPath, depth: number) => {
    if (out.length >= limit || depth > 8) return;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isPlainObject(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of entries) {
      if (out.length >= limit) return;
      const childPath = [...path, key];
      out.push(childPath);
      walk(child, childPath, depth + 1);
    }
  };
  walk(root, [], 0);
  return out;
}

/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = jsonType(a);
  if (ta !== jsonType(b)) return false;
  if (ta === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => jsonEqual(v, y[i]));
  }
  if (ta === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = Object.keys(x);
    return (
      keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && jsonEqual(x[k], y[k]))
    );
  }
  return false;
}

/** A JSON value for a message, cut to `max` characters. */
export function preview(value: unknown, max = 80): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
