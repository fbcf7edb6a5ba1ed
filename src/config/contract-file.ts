/**
 * A Pact-style contract file for the api stage's `contract` check, JSON or YAML:
 *
 *   consumer: web-app                      # or { name: web-app }, as Pact writes it
 *   provider: model-registry
 *   interactions:
 *     - description: get a model
 *       providerState: model exists        # Pact v2; v3's providerStates: [{ name, params }] works too
 *       request: { method: GET, path: /models/123 }
 *       response:
 *         status: 200
 *         body: { model_id: '123', status: active }
 *         matchingRules:                   # Pact v3 form; v2's flat { "$.body.status": {...} } works too
 *           body:
 *             $.status: { matchers: [{ match: regex, regex: 'active|inactive' }] }
 *
 * Close enough to Pact v2/v3 (and v4 HTTP interactions) that a pact file written by pact-js loads as it
 * is. Every problem is reported at its file:line:column; matcher paths and regexes are checked here, so a
 * bad one stops the run before any request is sent.
 */
import { readFile } from 'node:fs/promises';
import type { Node } from 'yaml';
import { z } from 'zod';
import { ConfigError, type ConfigProblem, formatPath } from './errors.js';
import { nodeAt, parsePositioned } from './positioned.js';
import { knownKeysAt } from './schema-walk.js';
import { closest } from './suggest.js';

/** Matchers Gauntlet evaluates (Pact names; `eachLike` is shorthand for `type` on a list, min 1). */
export const contractMatchTypes = [
  'equality',
  'type',
  'eachLike',
  'notEmpty',
  'regex',
  'integer',
  'decimal',
  'number',
  'boolean',
  'null',
  'include',
  'semver',
  'timestamp',
  'datetime',
  'date',
  'time',
] as const;
export type ContractMatchType = (typeof contractMatchTypes)[number];

export interface ContractMatcher {
  match: ContractMatchType;
  /** type / eachLike / notEmpty on a list: its length bounds. */
  min?: number;
  max?: number;
  /** regex: the whole value must match it. */
  regex?: string;
  /** include: the substring the value must hold. */
  value?: string;
  /** timestamp / date / time: a Java-style pattern such as `yyyy-MM-dd'T'HH:mm:ss`. */
  format?: string;
}

/** One step of a matcher path: a field, a list index, or `*` (any field or index). */
export type PathToken = { field: string } | { index: number } | '*';

export interface ContractRule {
  /** The path as written, for messages. */
  path: string;
  /** Steps below the root (`$`). */
  tokens: PathToken[];
  matchers: ContractMatcher[];
  combine: 'AND' | 'OR';
}

export interface ContractInteraction {
  description: string;
  /** Provider states to set up first, in order. */
  states: { name: string; params?: Record<string, unknown> }[];
  request: {
    method: string;
    path: string;
    /** Encoded query string without `?`, or undefined. */
    query?: string;
    headers: Record<string, string>;
    body?: unknown;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    /** Undefined when the contract says nothing about the body. */
    body?: unknown;
    bodyRules: ContractRule[];
    /** By header name, lower-cased. */
    headerRules: Record<string, ContractRule>;
  };
}

export interface Contract {
  consumer: string;
  provider: string;
  interactions: ContractInteraction[];
}

const participant = z.union([z.string().min(1), z.looseObject({ name: z.string().min(1) })]);
const headerValue = z.union([z.string(), z.number(), z.array(z.string())]);
const headers = z.record(z.string(), headerValue).optional();
const rules = z.record(z.string(), z.unknown()).optional();
const method = z
  .string()
  .regex(/^(get|post|put|patch|delete|head|options)$/i, 'expected an HTTP method (GET, POST, ...)');

const requestSchema = z.strictObject({
  method,
  path: z.string().startsWith('/', 'a request path starts with "/" and is relative to the target baseUrl'),
  query: z
    .union([z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))])
    .optional(),
  headers,
  body: z.unknown().optional(),
  matchingRules: rules,
  generators: z.unknown().optional(),
});

const responseSchema = z.strictObject({
  status: z.number().int().min(100).max(599),
  headers,
  body: z.unknown().optional(),
  matchingRules: rules,
  generators: z.unknown().optional(),
});

const stateSchema = z.looseObject({
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

const interactionSchema = z.strictObject({
  description: z.string().min(1),
  providerState: z.string().min(1).optional(),
  providerStates: z.array(stateSchema).optional(),
  request: requestSchema,
  response: responseSchema,
  // Pact v4 and pact-js bookkeeping, accepted and ignored.
  type: z.string().optional(),
  key: z.string().optional(),
  _id: z.string().optional(),
  pending: z.boolean().optional(),
  comments: z.unknown().optional(),
  transport: z.string().optional(),
  interactionMarkup: z.unknown().optional(),
  pluginConfiguration: z.unknown().optional(),
});

const fileSchema = z.strictObject({
  consumer: participant.optional(),
  provider: participant.optional(),
  interactions: z.array(interactionSchema).min(1),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const matcherSchema = z
  .looseObject({
    match: z.string().optional(),
    regex: z.string().optional(),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    format: z.string().optional(),
    timestamp: z.string().optional(),
    date: z.string().optional(),
    time: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    const match = impliedMatch(m);
    if (match === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `a matcher needs \`match:\`, one of ${contractMatchTypes.join(', ')}`,
      });
      return;
    }
    if (!(contractMatchTypes as readonly string[]).includes(match)) {
      const guess = closest(match, contractMatchTypes);
      ctx.addIssue({
        code: 'custom',
        path: ['match'],
        message: `unknown matcher "${match}"${guess ? `; did you mean "${guess}"?` : '.'} Gauntlet checks: ${contractMatchTypes.join(', ')}`,
      });
    }
    if (match === 'regex') {
      if (m.regex === undefined) ctx.addIssue({ code: 'custom', message: 'a regex matcher needs `regex:`' });
      else {
        try {
          new RegExp(m.regex);
        } catch (err) {
          ctx.addIssue({
            code: 'custom',
            path: ['regex'],
            message: `not a valid regular expression: ${(err as Error).message}`,
          });
        }
      }
    }
    if (match === 'include' && m.value === undefined)
      ctx.addIssue({ code: 'custom', message: 'an include matcher needs `value:` (the text to find)' });
    if (m.min !== undefined && m.max !== undefined && m.min > m.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: `max ${m.max} is below min ${m.min}` });
  });

const ruleSchema = z.looseObject({
  matchers: z.array(matcherSchema).min(1),
  combine: z.enum(['AND', 'OR']).default('AND'),
});

/** Pact v2 leaves `match` out when a regex, bound or date format says which matcher is meant. */
function impliedMatch(m: z.output<typeof matcherSchema>): string | undefined {
  if (m.match !== undefined) return m.match;
  if (m.regex !== undefined) return 'regex';
  if (m.timestamp !== undefined) return 'timestamp';
  if (m.date !== undefined) return 'date';
  if (m.time !== undefined) return 'time';
  if (m.min !== undefined || m.max !== undefined) return 'type';
  return undefined;
}

function toMatcher(m: z.output<typeof matcherSchema>): ContractMatcher {
  const match = impliedMatch(m) as ContractMatchType;
  const out: ContractMatcher = { match };
  if (m.min !== undefined) out.min = m.min;
  else if (match === 'eachLike') out.min = 1;
  if (m.max !== undefined) out.max = m.max;
  if (m.regex !== undefined) out.regex = m.regex;
  if (m.value !== undefined) out.value = String(m.value);
  const format = m.format ?? m.timestamp ?? m.date ?? m.time;
  if (format !== undefined) out.format = format;
  return out;
}

/** The steps of a matcher path, each a pattern at the start of the rest and the token it makes. */
const PATH_STEPS: [RegExp, (group: string) => PathToken][] = [
  [/^\.\*/, () => '*'],
  [/^\[\*\]/, () => '*'],
  [/^\.([^.[\]]+)/, (name) => ({ field: name })],
  [/^\[(\d+)\]/, (n) => ({ index: Number(n) })],
  [/^\['((?:[^'\\]|\\.)*)'\]/, (name) => ({ field: name.replace(/\\(.)/g, '$1') })],
  [/^\["((?:[^"\\]|\\.)*)"\]/, (name) => ({ field: name.replace(/\\(.)/g, '$1') })],
];

/**
 * Parses a matcher path: `$`, `$.versions`, `$.versions[*].id`, `$['model-id']`, `$[0]`, `$.*`.
 * Returns the steps below the root, or a message saying what is wrong.
 */
export function parseMatcherPath(text: string): PathToken[] | string {
  if (!text.startsWith('$')) return 'a matcher path starts with `$` (the root), e.g. $.versions[*].id';
  const tokens: PathToken[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    const step = PATH_STEPS.map(([re, make]) => {
      const m = re.exec(rest);
      return m ? { length: m[0].length, token: make(m[1] ?? '') } : undefined;
    }).find((x) => x !== undefined);
    if (!step)
      return `cannot read "${rest}" in matcher path ${text}; write steps like .field, ['field'], [0] or [*]`;
    tokens.push(step.token);
    i += step.length;
  }
  return tokens;
}

type Raw = z.output<typeof fileSchema>;
type RawInteraction = Raw['interactions'][number];

/** Reads and validates a contract file; every problem is a ConfigError naming the file, line and column. */
export async function loadContractFile(file: string, display = file): Promise<Contract> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      [
        {
          file: display,
          path: '',
          message:
            code === 'ENOENT'
              ? 'no such file; `contract.file` is relative to the suite file'
              : `cannot be read: ${(err as Error).message}`,
        },
      ],
      { what: 'contract file' },
    );
  }
  return parseContract(text, display);
}

/** Validates contract text (JSON or YAML); `file` names it in messages. */
export function parseContract(text: string, file: string): Contract {
  // JSON is YAML: one parser for both, and it keeps positions for messages.
  const { doc, where } = parsePositioned(text);
  const fail = (problems: ConfigProblem[]): never => {
    throw new ConfigError(problems, { what: 'contract file' });
  };
  if (doc.errors.length > 0) {
    fail(
      doc.errors.slice(0, 5).map((e) => ({
        file,
        ...where({ range: [e.pos[0], e.pos[1], e.pos[1]] } as Node),
        path: '',
        message: `not valid JSON or YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const data: unknown = doc.toJS();
  if (!isRecord(data)) {
    fail([
      {
        file,
        line: 1,
        column: 1,
        path: '',
        message: 'a contract file is a mapping with `consumer`, `provider` and `interactions`',
      },
    ]);
  }
  const problem = (p: readonly PropertyKey[], message: string, keyOf?: string): ConfigProblem => ({
    file,
    path: formatPath(p),
    message,
    ...where(nodeAt(doc.contents, p, keyOf)),
  });
  if (isRecord(data) && Array.isArray(data.messages) && data.interactions === undefined) {
    fail([problem(['messages'], 'this is a message pact; only HTTP interactions can be verified')]);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    fail(
      parsed.error.issues.slice(0, 20).map((issue) => {
        if (issue.code === 'unrecognized_keys') {
          const key = String(issue.keys[0]);
          const guess = closest(key, knownKeysAt(fileSchema, issue.path, data) ?? []);
          return problem(issue.path, `unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}`, key);
        }
        return problem(issue.path, describeIssue(issue, data));
      }),
    );
  }
  const raw = parsed.data as Raw;
  const v4 = String((raw.metadata?.pactSpecification as { version?: unknown })?.version ?? '').startsWith(
    '4',
  );
  const problems: ConfigProblem[] = [];
  const interactions = raw.interactions.map((it, i) => {
    const at = ['interactions', i] as PropertyKey[];
    if (it.type !== undefined && it.type !== 'Synchronous/HTTP')
      problems.push(problem([...at, 'type'], `only HTTP interactions can be verified, not "${it.type}"`));
    const { bodyRules, headerRules } = readRules(
      it.response.matchingRules,
      [...at, 'response', 'matchingRules'],
      (p, m) => problems.push(problem(p, m)),
    );
    return toInteraction(it, v4, bodyRules, headerRules);
  });
  if (problems.length > 0) fail(problems.slice(0, 20));
  return {
    consumer: participantName(raw.consumer, 'consumer'),
    provider: participantName(raw.provider, 'provider'),
    interactions,
  };
}

/** Reads response matching rules in Pact v3 form (`body: { "$.x": { matchers } }`) or v2 form (`"$.body.x": {...}`). */
function readRules(
  rulesIn: Record<string, unknown> | undefined,
  at: PropertyKey[],
  report: (path: PropertyKey[], message: string) => void,
): { bodyRules: ContractRule[]; headerRules: Record<string, ContractRule> } {
  const bodyRules: ContractRule[] = [];
  const headerRules: Record<string, ContractRule> = {};
  const one = (value: unknown, p: PropertyKey[]): Omit<ContractRule, 'path' | 'tokens'> | undefined => {
    // v2 writes one matcher object; v3 `{ matchers, combine }`; some tools a bare list of matchers.
    const shaped = Array.isArray(value)
      ? { matchers: value }
      : isRecord(value) && !('matchers' in value)
        ? { matchers: [value] }
        : value;
    const r = ruleSchema.safeParse(shaped);
    if (!r.success) {
      // Point into what the file wrote: a lone matcher or a bare list has no `matchers` level.
      const drop = shaped === value ? 0 : Array.isArray(value) ? 1 : 2;
      for (const issue of r.error.issues.slice(0, 3))
        report([...p, ...issue.path.slice(drop)], describeIssue(issue, shaped));
      return undefined;
    }
    return { matchers: r.data.matchers.map(toMatcher), combine: r.data.combine };
  };
  const body = (key: string, value: unknown, p: PropertyKey[]) => {
    const tokens = parseMatcherPath(key);
    if (typeof tokens === 'string') return report(p, tokens);
    const rule = one(value, p);
    if (rule) bodyRules.push({ path: key, tokens, ...rule });
  };
  const header = (name: string, value: unknown, p: PropertyKey[]) => {
    const rule = one(value, p);
    if (rule) headerRules[name.toLowerCase()] = { path: `header ${name}`, tokens: [], ...rule };
  };
  for (const [key, value] of Object.entries(rulesIn ?? {})) {
    const p = [...at, key];
    if (key.startsWith('$')) {
      // Pact v2: one flat map, the part of the response in the path.
      const m = /^\$\.(body|headers?|header|query|path|status)(?=$|[.[])(.*)$/.exec(key);
      if (!m)
        report(
          p,
          `a Pact v2 matcher path starts with $.body or $.headers (e.g. $.body.versions), got ${key}`,
        );
      else if (m[1] === 'body') body(`$${m[2]}`, value, p);
      else if (m[1]?.startsWith('header')) header(m[2]?.replace(/^\.|^\['|'\]$/g, '') ?? '', value, p);
      continue;
    }
    if (key === 'body' || key === 'header' || key === 'headers') {
      if (!isRecord(value)) {
        report(p, `expected a mapping of ${key === 'body' ? 'matcher paths' : 'header names'} to rules`);
        continue;
      }
      for (const [k, v] of Object.entries(value))
        key === 'body' ? body(k, v, [...p, k]) : header(k, v, [...p, k]);
      continue;
    }
    // path, query and status rules concern requests or are checked exactly; nothing to verify here.
    if (key === 'path' || key === 'query' || key === 'status' || key === 'metadata') continue;
    report(
      p,
      `unknown matching-rule category "${key}"; expected body or header (Pact v3), or "$.body..." paths (v2)`,
    );
  }
  return { bodyRules, headerRules };
}

function toInteraction(
  it: RawInteraction,
  v4: boolean,
  bodyRules: ContractRule[],
  headerRules: Record<string, ContractRule>,
): ContractInteraction {
  const states = [
    ...(it.providerState ? [{ name: it.providerState }] : []),
    ...(it.providerStates ?? []).map((s) => ({ name: s.name, ...(s.params ? { params: s.params } : {}) })),
  ];
  const req = it.request;
  const query = typeof req.query === 'string' ? req.query.replace(/^\?/, '') : queryString(req.query);
  const requestBody = v4 ? unwrapV4Body(req.body) : req.body;
  const responseBody = v4 ? unwrapV4Body(it.response.body) : it.response.body;
  return {
    description: it.description,
    states,
    request: {
      method: req.method.toUpperCase(),
      path: req.path,
      ...(query ? { query } : {}),
      headers: flatHeaders(req.headers),
      ...(requestBody === undefined ? {} : { body: requestBody }),
    },
    response: {
      status: it.response.status,
      headers: flatHeaders(it.response.headers),
      ...(responseBody === undefined ? {} : { body: responseBody }),
      bodyRules,
      headerRules,
    },
  };
}

function queryString(q: Record<string, string | number | string[]> | undefined): string | undefined {
  if (!q) return undefined;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const one of [v].flat()) params.append(k, String(one));
  return params.toString() || undefined;
}

function flatHeaders(h: Record<string, string | number | string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** Pact v4 wraps bodies as `{ content, contentType, encoded }`. */
function unwrapV4Body(body: unknown): unknown {
  if (!isRecord(body) || !('content' in body)) return body;
  const { content, contentType, encoded } = body as {
    content: unknown;
    contentType?: string;
    encoded?: unknown;
  };
  if (typeof content !== 'string') return content;
  const text = encoded && encoded !== false ? Buffer.from(content, 'base64').toString('utf8') : content;
  if (/json/i.test(contentType ?? '')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function participantName(p: string | { name: string } | undefined, fallback: string): string {
  if (p === undefined) return fallback;
  return typeof p === 'string' ? p : p.name;
}

/** zod's message, said the way a person editing the file needs it. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_type') {
    let got: unknown = data;
    for (const part of issue.path)
      got = got && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[part] : undefined;
    if (got === undefined) return `missing required field \`${String(issue.path.at(-1))}\``;
    return `expected ${issue.expected}, got ${JSON.stringify(got)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `expected at least ${issue.minimum} item(s)`;
  return issue.message;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
