/** Small helpers for checking parsed JSON with messages a person reads. */
import type { FieldProblem } from './formats.js';

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not a list). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a string", "a list", "null": what a value is, for "expected X, got Y". */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

/** Whether the object has the key (own property; JSON has no others). */
export function has(obj: JsonObject, key: string): boolean {
  return Object.hasOwn(obj, key);
}

/**
 * Checks that `obj[key]` is a string, non-blank unless `allowEmpty`; reports under `path` (default:
 * the key). Returns the string when it passes.
 */
export function checkString(
  obj: JsonObject,
  key: string,
  out: FieldProblem[],
  opts: { path?: string; optional?: boolean; allowEmpty?: boolean } = {},
): string | undefined {
  const field = opts.path ?? key;
  if (!has(obj, key)) {
    if (!opts.optional) out.push({ field, message: 'is missing' });
    return undefined;
  }
  const value = obj[key];
  if (typeof value !== 'string') {
    out.push({ field, message: `expected a string, got ${describe(value)}` });
    return undefined;
  }
  if (!opts.allowEmpty && value.trim() === '') {
    out.push({ field, message: 'is empty' });
    return undefined;
  }
  return value;
}
