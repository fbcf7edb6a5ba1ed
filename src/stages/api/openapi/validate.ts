/**
 * Checks one response against its operation in the document: the status is documented (exactly, as a
 * range like `2XX`, or by `default`), the content type is documented, required headers are present, and
 * a JSON body validates against the documented schema.
 */
import type { RawResponse } from '../../../target/index.js';
import { isRecord, type OpenApiDocument } from './document.js';
import type { Operation } from './operations.js';
import { describeError, type SchemaValidator } from './schema.js';

/** Schema errors listed per response; the count says how many more there were. */
const MAX_SCHEMA_ERRORS = 10;

/** What is wrong with the response, one line each (empty when it matches the document). */
export function responseProblems(
  doc: OpenApiDocument,
  schemas: SchemaValidator,
  op: Operation,
  res: Pick<RawResponse, 'status' | 'headers' | 'text' | 'json'>,
): string[] {
  const responses = doc.deref(doc.child(op.loc, 'responses'));
  const documented = Object.keys(responses.value as object);
  const status = String(res.status);
  const key =
    documented.find((k) => k === status) ??
    documented.find((k) => k.toUpperCase() === `${status[0]}XX`) ??
    documented.find((k) => k === 'default');
  if (key === undefined)
    return [`status ${res.status} is not documented (documented: ${documented.join(', ')})`];
  const response = doc.deref(doc.child(responses, key));
  if (!isRecord(response.value))
    throw doc.problem(response, 'a response is a mapping with `description` and, for a body, `content`');
  const problems: string[] = [];
  const headers = doc.child(response, 'headers');
  if (isRecord(headers.value)) {
    for (const name of Object.keys(headers.value)) {
      if (name.toLowerCase() === 'content-type') continue;
      const h = doc.deref(doc.child(headers, name)).value;
      if (isRecord(h) && h.required === true && res.headers[name.toLowerCase()] === undefined)
        problems.push(`required header ${name} is missing`);
    }
  }
  const content = doc.child(response, 'content');
  const types = isRecord(content.value) ? Object.keys(content.value) : [];
  const got = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (types.length === 0) {
    if (res.text !== '')
      problems.push(
        `the ${key} response documents no body, but ${Buffer.byteLength(res.text)} bytes of ${got || 'untyped content'} came back`,
      );
    return problems;
  }
  if (res.text === '') {
    problems.push(`the body is empty; the ${key} response documents ${types.join(', ')}`);
    return problems;
  }
  const media =
    types.find((t) => t.toLowerCase() === got) ??
    types.find((t) => t.endsWith('/*') && got.startsWith(t.slice(0, -1).toLowerCase())) ??
    types.find((t) => t === '*/*');
  if (media === undefined) {
    problems.push(
      `content-type ${got || '(none)'} is not documented for ${key} (documented: ${types.join(', ')})`,
    );
    return problems;
  }
  const schema = doc.child(content, media, 'schema');
  if (schema.value === undefined || !/json/.test(got)) return problems;
  if (res.json === undefined) {
    problems.push(`the body is not valid JSON although the content-type is ${got}`);
    return problems;
  }
  const errors = schemas.validate(schema, res.json);
  for (const e of errors.slice(0, MAX_SCHEMA_ERRORS)) problems.push(`body ${describeError(e)}`);
  if (errors.length > MAX_SCHEMA_ERRORS)
    problems.push(`(and ${errors.length - MAX_SCHEMA_ERRORS} more schema errors)`);
  return problems;
}
