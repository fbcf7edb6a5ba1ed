/**
 * The operations of an OpenAPI document, which of them to check, and the request each one gets, built
 * from the document's own examples: path and header parameters, query parameters that have examples, and
 * a JSON body from the request body's `example`/`examples` (or its schema's examples).
 */

import { closeNames } from '../../../config/suggest.js';
import { GauntletError } from '../../../errors.js';
import { isRecord, type Located, type OpenApiDocument } from './document.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
// OpenAPI says these header parameters are ignored: the client sets them.
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export interface Operation {
  /** The operationId, or `GET /models/{id}` when the document gives none. */
  id: string;
  method: string;
  path: string;
  loc: Located<Record<string, unknown>>;
  /** Path-level and operation-level parameters, `$ref`s followed, the operation's winning. */
  parameters: Located<Record<string, unknown>>[];
}

export interface BuiltRequest {
  method: string;
  /** Path with parameters filled in and the query string, relative to the target's baseUrl. */
  target: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Whether any example of the document went into it (path, query, header or body). */
  fromExamples: boolean;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const paths = doc.child(doc.root(), 'paths');
  const out: Operation[] = [];
  for (const p of Object.keys(paths.value as Record<string, unknown>)) {
    const item = doc.deref(doc.child(paths, p));
    if (!isRecord(item.value)) throw doc.problem(item, 'a path item is a mapping of methods to operations');
    const shared = parametersOf(doc, doc.child(item, 'parameters'));
    for (const method of METHODS) {
      const loc = doc.child(item, method);
      if (loc.value === undefined) continue;
      if (!isRecord(loc.value)) throw doc.problem(loc, 'an operation is a mapping with `responses`');
      if (!isRecord(loc.value.responses))
        throw doc.problem(
          loc,
          `${method.toUpperCase()} ${p} has no \`responses\` mapping; every operation documents its responses`,
        );
      const own = parametersOf(doc, doc.child(loc, 'parameters'));
      const key = (x: Located<Record<string, unknown>>) => `${String(x.value.in)}:${String(x.value.name)}`;
      const merged = new Map(shared.map((x) => [key(x), x]));
      for (const x of own) merged.set(key(x), x);
      const operationId = loc.value.operationId;
      out.push({
        id: typeof operationId === 'string' ? operationId : `${method.toUpperCase()} ${p}`,
        method: method.toUpperCase(),
        path: p,
        loc: loc as Located<Record<string, unknown>>,
        parameters: [...merged.values()],
      });
    }
  }
  return out;
}

function parametersOf(doc: OpenApiDocument, list: Located): Located<Record<string, unknown>>[] {
  if (list.value === undefined) return [];
  if (!Array.isArray(list.value)) throw doc.problem(list, '`parameters` must be a list');
  return list.value.map((_, i) => {
    const param = doc.deref(doc.child(list, i));
    const v = param.value;
    if (
      !isRecord(v) ||
      typeof v.name !== 'string' ||
      !['path', 'query', 'header', 'cookie'].includes(String(v.in))
    )
      throw doc.problem(param, 'a parameter needs `name` and `in` (path, query, header or cookie)');
    return param as Located<Record<string, unknown>>;
  });
}

/**
 * The operations to check: the ones named (by operationId or `METHOD /path`), else every operation whose
 * request can be built and that has an example to build it from, plus GETs without required parameters.
 * DELETEs run only when named.
 */
export function selectOperations(
  doc: OpenApiDocument,
  all: Operation[],
  names: string[] | undefined,
): {
  run: { op: Operation; request: BuiltRequest | string }[];
  skipped: { op: Operation; reason: string }[];
} {
  if (names) {
    const ids = all.map((o) => o.id);
    const run = names.map((name) => {
      const op = all.find((o) => o.id === name || `${o.method} ${o.path}` === name);
      if (!op) {
        const near = closeNames(name, ids);
        throw new GauntletError(
          'E_CONFIG',
          `checks.openapi.operations names "${name}", which ${doc.main.display} does not define${near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '.'} Its operations: ${ids.join(', ')}`,
          { exitCode: 2 },
        );
      }
      return { op, request: buildRequest(doc, op) };
    });
    return { run, skipped: [] };
  }
  const run: { op: Operation; request: BuiltRequest }[] = [];
  const skipped: { op: Operation; reason: string }[] = [];
  for (const op of all) {
    const request = buildRequest(doc, op);
    if (typeof request === 'string') skipped.push({ op, reason: request });
    else if (op.method === 'DELETE')
      skipped.push({ op, reason: 'DELETE runs only when listed in `operations`' });
    else if (!request.fromExamples && op.method !== 'GET')
      skipped.push({ op, reason: 'no request example in the document' });
    else run.push({ op, request });
  }
  return { run, skipped };
}

/** The request for an operation, or why none can be built. */
export function buildRequest(doc: OpenApiDocument, op: Operation): BuiltRequest | string {
  let target = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let fromExamples = false;
  for (const param of op.parameters) {
    const { name, in: where, required } = param.value as { name: string; in: string; required?: boolean };
    if (where === 'cookie') continue;
    const example = exampleOf(doc, param);
    if (example === undefined) {
      if (required === true || where === 'path')
        return `required ${where} parameter \`${name}\` has no example; add \`example:\` to it`;
      continue;
    }
    fromExamples = true;
    if (where === 'path') target = target.split(`{${name}}`).join(encodeURIComponent(scalar(example)));
    else if (where === 'header') {
      if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = scalar(example);
    } else if (Array.isArray(example)) for (const v of example) query.append(name, scalar(v));
    else if (isRecord(example)) for (const [k, v] of Object.entries(example)) query.append(k, scalar(v));
    else query.append(name, scalar(example));
  }
  const qs = query.toString();
  const built: BuiltRequest = {
    method: op.method,
    target: qs ? `${target}?${qs}` : target,
    headers,
    fromExamples,
  };
  const bodyLoc = doc.child(op.loc, 'requestBody');
  if (bodyLoc.value === undefined) return built;
  const body = doc.deref(bodyLoc);
  if (!isRecord(body.value) || !isRecord(body.value.content))
    throw doc.problem(body, 'a request body needs `content` (media types to schemas and examples)');
  const content = doc.child(body, 'content');
  const type = Object.keys(content.value as object).find((t) =>
    /^application\/(?:[\w.+-]+\+)?json\b/i.test(t),
  );
  const required = body.value.required === true;
  if (!type) return required ? 'its request body is not JSON; Gauntlet sends JSON bodies only' : built;
  const example = exampleOf(doc, doc.child(content, type));
  if (example === undefined)
    return required ? `its request body (${type}) has no example; add \`example:\` to it` : built;
  return { ...built, body: example, fromExamples: true, headers: { ...headers, 'content-type': type } };
}

/**
 * The example of a parameter or media type: its `example`, its first `examples` entry, else its schema's
 * example (3.1 `examples[0]`), default, first enum value, or one put together from its properties'.
 */
export function exampleOf(doc: OpenApiDocument, loc: Located): unknown {
  const v = loc.value;
  if (!isRecord(v)) return undefined;
  if (v.example !== undefined) return v.example;
  if (isRecord(v.examples)) {
    for (const name of Object.keys(v.examples)) {
      const ex = doc.deref(doc.child(loc, 'examples', name)).value;
      if (isRecord(ex) && ex.value !== undefined) return ex.value;
    }
  }
  if (v.schema === undefined) return undefined;
  return fromSchema(doc, doc.child(loc, 'schema'), 0);
}

function fromSchema(doc: OpenApiDocument, loc: Located, depth: number): unknown {
  if (depth > 6) return undefined;
  const s = doc.deref(loc);
  const v = s.value;
  if (!isRecord(v)) return undefined;
  if (v.example !== undefined) return v.example;
  if (Array.isArray(v.examples) && v.examples.length > 0) return v.examples[0];
  if (v.default !== undefined) return v.default;
  if (Array.isArray(v.enum) && v.enum.length > 0) return v.enum[0];
  if (v.const !== undefined) return v.const;
  if (Array.isArray(v.allOf) && v.allOf.length === 1)
    return fromSchema(doc, doc.child(s, 'allOf', 0), depth + 1);
  if (isRecord(v.properties)) {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(v.properties)) {
      const value = fromSchema(doc, doc.child(s, 'properties', name), depth + 1);
      if (value !== undefined) out[name] = value;
    }
    const required = Array.isArray(v.required) ? v.required.map(String) : [];
    if (required.some((r) => !(r in out)) || Object.keys(out).length === 0) return undefined;
    return out;
  }
  if (v.items !== undefined && isRecord(v.items)) {
    const item = fromSchema(doc, doc.child(s, 'items'), depth + 1);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

function scalar(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
