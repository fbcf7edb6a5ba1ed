/**
 * OpenAPI schemas as JSON Schema for ajv. 3.1 schemas are JSON Schema 2020-12 (Ajv2020); 3.0 schemas are
 * a dialect of draft-04/07 and are rewritten for draft-07 (Ajv): `nullable: true` becomes a `null` type
 * (and a null in `enum`), boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, and `$ref`
 * siblings are ignored as 3.0 says. In both, every `$ref` into the document is copied into the root's
 * definitions (recursive schemas stay references, so cycles are fine) and annotations ajv does not know
 * (`example`, `discriminator`, `xml`, `x-*`) are dropped. Response bodies do not need `writeOnly` fields.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isRecord, type Located, type OpenApiDocument } from './document.js';

const MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const ONE_KEYWORDS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
// Annotations ajv would reject or misread; `$id`/`$schema` would also move the base of our `$ref`s.
const DROPPED = new Set(['example', 'discriminator', 'xml', 'externalDocs', '$id', '$schema', 'deprecated']);

/** Compiles response schemas of one document, each once. */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly doc: OpenApiDocument;

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
    const options: Options = { strict: false, allErrors: true, logger: false, formats: FORMATS };
    this.ajv = doc.version === '3.1' ? new Ajv2020(options) : new Ajv(options);
  }

  /** Validates `data` against the schema at `loc`; returns ajv's errors (empty when it passes). */
  validate(loc: Located, data: unknown): ErrorObject[] {
    const key = `${loc.source.file}#${loc.path.join('/')}`;
    let fn = this.cache.get(key);
    if (!fn) {
      const schema = new Converter(this.doc).root(loc);
      try {
        fn = this.ajv.compile(schema);
      } catch (err) {
        throw this.doc.problem(loc, `this schema cannot be compiled: ${(err as Error).message}`);
      }
      this.cache.set(key, fn);
    }
    return fn(data) ? [] : [...(fn.errors ?? [])];
  }
}

/** Rewrites one schema and everything it references into a self-contained JSON Schema. */
class Converter {
  private readonly doc: OpenApiDocument;
  private readonly defs: Record<string, unknown> = {};
  private readonly names = new Map<string, string>();
  private readonly defsKey: '$defs' | 'definitions';

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
    this.defsKey = doc.version === '3.1' ? '$defs' : 'definitions';
  }

  root(loc: Located): Record<string, unknown> {
    const converted = this.convert(loc);
    // Wrapped, so our definitions never sit beside a `$ref` (draft-07 ignores siblings of `$ref`).
    return { allOf: [converted], [this.defsKey]: this.defs };
  }

  private convert(loc: Located): unknown {
    const node = loc.value;
    if (typeof node === 'boolean') return node;
    if (!isRecord(node))
      throw this.doc.problem(loc, `expected a schema (a mapping), got ${JSON.stringify(node)}`);
    if (typeof node.$ref === 'string') {
      const ref = { $ref: `#/${this.defsKey}/${this.define(node.$ref, loc)}` };
      const siblings = Object.keys(node).filter(
        (k) => k !== '$ref' && !DROPPED.has(k) && !k.startsWith('x-'),
      );
      if (this.doc.version === '3.0' || siblings.length === 0) return ref;
      const { $ref: _ref, ...rest } = node;
      return { allOf: [ref, this.convert({ ...loc, value: rest })] };
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      const at = (...steps: (string | number)[]) => this.doc.child(loc, key, ...steps);
      if (MAP_KEYWORDS.has(key) && isRecord(value)) {
        out[key] = Object.fromEntries(Object.keys(value).map((name) => [name, this.convert(at(name))]));
      } else if (LIST_KEYWORDS.has(key) && Array.isArray(value)) {
        out[key] = value.map((_, i) => this.convert(at(i)));
      } else if (ONE_KEYWORDS.has(key) && (isRecord(value) || typeof value === 'boolean')) {
        out[key] = this.convert(at());
      } else if (key === 'items' && Array.isArray(value)) {
        out[key] = value.map((_, i) => this.convert(at(i)));
      } else out[key] = value;
    }
    dropWriteOnlyRequired(out, node, this.doc, loc);
    return this.doc.version === '3.0' ? fromDialect30(out) : out;
  }

  /** The definition name for a `$ref`, converting its target the first time it is seen. */
  private define(ref: string, at: Located): string {
    const target = this.doc.resolve(ref, at);
    const key = `${target.source.file}#${target.path.join('/')}`;
    let name = this.names.get(key);
    if (name) return name;
    const last = target.path.at(-1);
    name = `${typeof last === 'string' ? last.replace(/[^\w-]/g, '_') : 'schema'}_${this.names.size}`;
    this.names.set(key, name);
    this.defs[name] = true; // reserved before converting, so a schema that refers to itself terminates
    this.defs[name] = this.convert(target);
    return name;
  }
}

/** OpenAPI 3.0 keywords in their JSON Schema form. */
function fromDialect30(s: Record<string, unknown>): Record<string, unknown> {
  for (const [bool, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (s[bool] === true && typeof s[bound] === 'number') {
      s[bool] = s[bound];
      delete s[bound];
    } else if (typeof s[bool] === 'boolean') delete s[bool];
  }
  const nullable = s.nullable === true;
  delete s.nullable;
  if (!nullable) return s;
  if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  if (typeof s.type === 'string') s.type = [s.type, 'null'];
  else if (Array.isArray(s.type)) s.type = s.type.includes('null') ? s.type : [...s.type, 'null'];
  // 3.0.3 says nullable without type does nothing; writers mean `allOf: [$ref], nullable: true` as "or null".
  else return { anyOf: [s, { type: 'null' }] };
  return s;
}

/** A response may leave out required properties that are `writeOnly` (passwords and the like). */
function dropWriteOnlyRequired(
  out: Record<string, unknown>,
  node: Record<string, unknown>,
  doc: OpenApiDocument,
  loc: Located,
): void {
  if (!Array.isArray(out.required) || !isRecord(node.properties)) return;
  const props = node.properties;
  out.required = out.required.filter((name) => {
    const prop = props[String(name)];
    if (!isRecord(prop)) return true;
    const target =
      typeof prop.$ref === 'string' ? doc.deref(doc.child(loc, 'properties', String(name))).value : prop;
    return !(isRecord(target) && target.writeOnly === true);
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}:\d{2})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[tT ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}:\d{2})$/;

/** OpenAPI's formats and the common JSON Schema ones; other formats are not checked. */
const FORMATS: NonNullable<Options['formats']> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  binary: true,
  password: true,
  date: (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(s)),
  time: TIME,
  'date-time': (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)),
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  uri: (s: string) => URL.canParse(s),
  'uri-reference': true,
  hostname: /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
  ipv6: (s: string) => /^[0-9a-f:.]+$/i.test(s) && s.includes(':'),
};

/** `$.versions[0].id` from ajv's `/versions/0/id`. */
export function instancePath(pointer: string): string {
  if (pointer === '') return '$';
  return `$${pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `['${s}']`))
    .join('')}`;
}

/** One ajv error as a person reads it: `$.status must be equal to one of the allowed values (active, inactive)`. */
export function describeError(e: ErrorObject): string {
  const where = instancePath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  let extra = '';
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues))
    extra = ` (${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  else if (e.keyword === 'additionalProperties') extra = `: "${String(p.additionalProperty)}"`;
  else if (e.keyword === 'const') extra = ` (${JSON.stringify(p.allowedValue)})`;
  return `${where} ${e.message ?? e.keyword}${extra}`;
}
