/**
 * Options of the `api` stage: the serving layer's contract. OpenAI-compatible targets get conformance
 * checks (error bodies, status vs body, SSE framing, /v1/models); every target gets health endpoints,
 * bad-input rejection, fuzzing, auth, CORS, rate limits and injection payloads, built from one valid
 * `request`; REST targets are also checked against an OpenAPI document or a Pact-style contract file.
 * Checks are selected like smoke checks: a list of names, or a map with options (`false` drops one).
 */
import { z } from 'zod';
import { duration, positiveInt, selectable } from '../primitives.js';
import { checkMap } from './check-map.js';

export const apiCheckNames = [
  'models',
  'errors',
  'sse',
  'health',
  'bad_input',
  'fuzz',
  'auth',
  'cors',
  'rate_limit',
  'injection',
  'openapi',
  'contract',
] as const;
export type ApiCheckName = (typeof apiCheckNames)[number];

/** Checks that only make sense against an OpenAI-compatible target. */
export const openaiOnlyApiChecks: readonly ApiCheckName[] = ['models', 'errors', 'sse'];
/** Checks run when `checks` is left out (the others need settings of the target to mean anything). */
export const defaultApiChecks: readonly ApiCheckName[] = [
  'models',
  'errors',
  'sse',
  'health',
  'bad_input',
  'injection',
];

const status = z.number().int().min(100).max(599);
/** Accepted statuses: a list of codes, or a class like "4xx". */
const statuses = z.union([z.array(status).min(1), z.enum(['2xx', '3xx', '4xx', '5xx'])]);

/** The valid request the checks start from; for OpenAI targets a chat completion by default. */
export const apiRequest = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  /** Relative to the target's baseUrl. */
  path: z.string().startsWith('/'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional(),
});
export type ApiRequest = z.output<typeof apiRequest>;

const check = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...selectable, ...shape });

const healthEndpoint = z.strictObject({
  /** Relative to the target's origin (not its baseUrl): `/health`, `/stats`, `/status`. */
  path: z.string().startsWith('/').default('/health'),
  status: statuses.default([200]),
  /** Fields (dotted paths) the JSON body must have. */
  fields: z.array(z.string().min(1)).default([]),
  /** Fields that must hold these exact values, e.g. `{ status: healthy }`. */
  equals: z.record(z.string(), z.unknown()).default({}),
});

const badInputCase = z.strictObject({
  name: z.string().min(1),
  /** A whole body to send instead of the valid one ... */
  body: z.unknown().optional(),
  /** ... or changes to the valid body: dotted paths set to a value, or removed. */
  set: z.record(z.string(), z.unknown()).optional(),
  remove: z.array(z.string().min(1)).optional(),
  /** Raw bytes instead of JSON (e.g. invalid JSON), and the content type to send. */
  raw: z.string().optional(),
  contentType: z.string().optional(),
  /** Accepted statuses; default 4xx. */
  expect: statuses.optional(),
});

export const apiChecksShape = {
  models: check({}),
  errors: check({}),
  sse: check({
    prompt: z.string().min(1).default('Count from one to ten in words.'),
    maxTokens: positiveInt.default(32),
  }),
  health: check({
    // prefault: the default list is parsed, so each endpoint gets its own defaults (status, fields).
    endpoints: z.array(healthEndpoint).min(1).prefault([{}]),
  }),
  bad_input: check({
    /** Also run the built-in cases (missing/empty fields, out-of-range numbers, wrong types, invalid JSON, wrong content type, oversized body). */
    builtins: z.boolean().default(true),
    cases: z.array(badInputCase).default([]),
    /** Accepted statuses for the built-in cases; default 4xx. */
    expect: statuses.default('4xx'),
    /** Size of the oversized body. */
    oversizeBytes: positiveInt.default(8 * 1024 * 1024),
  }),
  fuzz: check({
    seed: z.number().int().default(1),
    /** Bodies generated. */
    runs: positiveInt.default(100),
    /** Stop early after this long. */
    budget: duration.prefault('60s'),
  }),
  auth: check({
    /** The valid key; default the target's apiKey. */
    validKey: z.string().optional(),
    expect: z
      .strictObject({
        missing: statuses.default([401]),
        invalid: statuses.default([401]),
        malformed: statuses.default([401]),
      })
      .prefault({}),
  }),
  cors: check({
    origin: z.string().min(1).default('https://app.example.com'),
    /** Path of the preflight; default the request's path. */
    path: z.string().startsWith('/').optional(),
    method: z.string().default('POST'),
    headers: z.array(z.string()).default(['content-type', 'authorization']),
  }),
  rate_limit: check({
    /** Requests sent as fast as possible until one gets 429. */
    burst: positiveInt.default(50),
    concurrency: positiveInt.default(10),
    /** After a 429: Retry-After must be present, and a request after waiting it must succeed. */
    retryAfter: z.boolean().default(true),
    /** Longest Retry-After honoured. */
    maxWait: duration.prefault('30s'),
  }),
  injection: check({
    /** Where payloads go: the request path, a query parameter, string fields of the body. */
    where: z.array(z.enum(['path', 'query', 'body'])).default(['path', 'query', 'body']),
    /** Extra payloads besides the built-in SQL/NoSQL, path traversal and XSS ones. */
    payloads: z.array(z.string().min(1)).default([]),
  }),
  openapi: check({
    /** OpenAPI 3 document (YAML or JSON), relative to the suite file. */
    spec: z.string().min(1),
    /** operationIds to check; default every operation with an example or a GET without parameters. */
    operations: z.array(z.string().min(1)).optional(),
  }),
  contract: check({
    /** Pact-style contract file (JSON or YAML), relative to the suite file. */
    file: z.string().min(1),
    /** POSTed `{ state }` before each interaction that names a provider state. */
    setupUrl: z.string().optional(),
  }),
} satisfies Record<ApiCheckName, z.ZodType>;

const checks = checkMap(apiCheckNames, apiChecksShape, defaultApiChecks);

export const apiStageOptions = {
  /** The valid request every check derives from; required for `type: http` targets. */
  request: apiRequest.optional(),
  checks: checks.schema,
};
export type ApiChecks = z.output<typeof checks.object>;
