/**
 * The fuzz check's bodies: a fast-check arbitrary of mutation lists applied to the valid body (fields
 * removed, fields added, values replaced by JSON of another type, deep nesting, long and unicode strings).
 * Generating mutations rather than whole bodies keeps every body close to a valid one, where handlers
 * still get past their first check, and lets fast-check shrink a failure to the one mutation that matters.
 */
import fc from 'fast-check';
import {
  fieldPaths,
  formatPath,
  getAt,
  isPlainObject,
  type JsonPath,
  jsonType,
  preview,
  removeAt,
  setAt,
} from './bodies.js';

/** One change to the valid body. */
export type Mutation =
  | { op: 'remove'; path: JsonPath }
  | { op: 'replace'; path: JsonPath; value: unknown }
  | { op: 'add'; path: JsonPath; key: string; value: unknown };

// Long strings stay under Linux's 128 KiB limit on one argument so the curl line still runs.
const LONG_MAX = 16_384;
// Past CPython's default recursion limit (1000), where recursive JSON parsers and validators fail; not
// much further, as our own evidence code (redaction) walks bodies recursively too.
const DEEP_MAX = 1_200;

const text = fc.string({ unit: 'binary', maxLength: 40 });
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 2 ** 53 + 2, -(2 ** 63), 1e308),
);
const longString = fc
  .record({
    unit: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
    length: fc.integer({ min: 1_000, max: LONG_MAX }),
  })
  .map(({ unit, length }) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
const deep = fc
  .record({ depth: fc.integer({ min: 32, max: DEEP_MAX }), array: fc.boolean() })
  .map(({ depth, array }) => {
    let v: unknown = 0;
    for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
    return v;
  });
const json = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });

/** Values of each JSON type, for replacing a value by one of another type. */
const byType: Record<string, fc.Arbitrary<unknown>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  number: numbers,
  string: fc.oneof(text, longString),
  array: fc.oneof(fc.array(json, { maxLength: 4 }), deep),
  object: fc.oneof(fc.dictionary(text, json, { maxKeys: 4 }), deep),
};

/** A value of a JSON type other than `original`'s, or a long or unicode string in place of a string. */
function replacement(original: unknown): fc.Arbitrary<unknown> {
  const type = jsonType(original);
  const others = Object.entries(byType)
    .filter(([t]) => t !== type)
    .map(([, arb]) => arb);
  if (type === 'string') others.push(longString, text);
  return fc.oneof(...others);
}

/** Lists of 1 to 4 mutations of `valid`. */
export function mutationsOf(valid: unknown): fc.Arbitrary<Mutation[]> {
  const paths = fieldPaths(valid);
  const objects: JsonPath[] = [[], ...paths].filter((p) => isPlainObject(getAt(valid, p).value));
  // Replacing a value by one of another type is what validation code most often gets wrong: weigh it most.
  const kinds: fc.WeightedArbitrary<Mutation>[] = [];
  if (paths.length > 0) {
    const path = fc.constantFrom(...paths);
    kinds.push({
      weight: 3,
      arbitrary: path.chain((p) =>
        replacement(getAt(valid, p).value).map((value): Mutation => ({ op: 'replace', path: p, value })),
      ),
    });
    kinds.push({ weight: 1, arbitrary: path.map((p): Mutation => ({ op: 'remove', path: p })) });
  }
  if (objects.length > 0) {
    const added = fc.record({
      path: fc.constantFrom(...objects),
      key: text,
      value: fc.oneof(json, longString, deep),
    });
    kinds.push({ weight: 1, arbitrary: added.map((m): Mutation => ({ op: 'add', ...m })) });
  }
  // Without fields or objects (a bare string, say) the body itself is replaced.
  if (kinds.length === 0) {
    const whole = replacement(valid).map((value): Mutation => ({ op: 'replace', path: [], value }));
    kinds.push({ weight: 1, arbitrary: whole });
  }
  // Four optional slots rather than an array: each slot shrinks to "no mutation" on its own, so shrinking
  // drops every mutation the failure does not need (an array shrinks by cutting its head only).
  const slot = fc.option(fc.oneof(...kinds), { nil: null, freq: 2 });
  return fc
    .tuple(slot, slot, slot, slot)
    .map((slots) => slots.filter((m): m is Mutation => m !== null))
    .filter((list) => list.length > 0);
}

/** The valid body with the mutations applied in order (one whose path is gone by then does nothing). */
export function applyMutations(valid: unknown, mutations: readonly Mutation[]): unknown {
  let body = valid;
  for (const m of mutations) {
    if (m.op === 'remove') body = removeAt(body, m.path);
    else if (m.op === 'replace') {
      if (m.path.length === 0 || getAt(body, m.path).found) body = setAt(body, m.path, m.value);
    } else if (isPlainObject(getAt(body, m.path).value)) body = setAt(body, [...m.path, m.key], m.value);
  }
  return body;
}

/** "`model` replaced by 0", for messages. */
export function describeMutation(m: Mutation): string {
  if (m.op === 'remove') return `${formatPath(m.path)} removed`;
  if (m.op === 'replace') return `${formatPath(m.path)} replaced by ${preview(m.value, 60)}`;
  return `${preview(m.key)} added${m.path.length ? ` to ${formatPath(m.path)}` : ''} as ${preview(m.value, 60)}`;
}
