/**
 * A small LLM service shaped like the FastAPI server of the requirement documents, over a real loopback
 * socket, for the `type: http` api examples. It behaves the way FastAPI, pydantic, Starlette's
 * CORSMiddleware and a slowapi limiter would:
 *
 * - POST /generate `{prompt, max_tokens?, temperature?, top_p?}` (the chatbot guide's server) and POST
 *   /inference `{prompt, max_tokens}` (the AI server test plan's): authentication first (401), then the
 *   body is validated (422 with a pydantic-style `detail`, for a missing or empty prompt, out-of-range
 *   numbers, wrong types, invalid JSON and any content type but JSON; 413 past 1 MiB), then the rate limit
 *   (429 with Retry-After), then a canned answer with usage.
 * - GET /health `{status: healthy, timestamp, version}`, GET /stats (both documents' field sets), GET
 *   /status (uptime, loaded models, background tasks).
 * - CORS like `CORSMiddleware(allow_origins=[...], allow_methods=["*"], allow_headers=["*"])`: preflights are
 *   answered before authentication, requested headers are mirrored, and simple answers carry the origin.
 * - 404 `{detail: "Not Found"}` and 405 `{detail: "Method Not Allowed"}` for anything else.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback } from './loopback-service.js';

export interface GenerateServiceOptions {
  /** When set, /generate and /inference need `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A token bucket per caller: `burst` at once, refilled at `requestsPerSecond`. */
  rateLimit?: { requestsPerSecond: number; burst: number };
  /** Origins allowed to call from a browser (`*` for any). */
  corsOrigins?: string[];
  /** The status of a validation error; 422 as FastAPI answers, another to see an example catch it. */
  validationStatus?: number;
}

export interface GenerateService {
  url: string;
  /** Requests answered, by route and status (`POST /generate 422`). */
  seen: Map<string, number>;
  close(): Promise<void>;
}

const VERSION = '1.0.0';
const MODEL = 'tiny-llm';
const MAX_BODY = 1024 * 1024;
const ROUTES: Record<string, string[]> = {
  '/generate': ['POST'],
  '/inference': ['POST'],
  '/health': ['GET'],
  '/stats': ['GET'],
  '/status': ['GET'],
};

type Detail = { type: string; loc: (string | number)[]; msg: string }[];

interface Field {
  name: string;
  kind: 'string' | 'int' | 'number';
  required: boolean;
  min?: number;
  max?: number;
}

// The two request models, as pydantic Fields would write them.
const GENERATE: Field[] = [
  { name: 'prompt', kind: 'string', required: true, min: 1 },
  { name: 'max_tokens', kind: 'int', required: false, min: 1, max: 4096 },
  { name: 'temperature', kind: 'number', required: false, min: 0, max: 2 },
  { name: 'top_p', kind: 'number', required: false, min: 0, max: 1 },
];
const INFERENCE: Field[] = [
  { name: 'prompt', kind: 'string', required: true, min: 1 },
  { name: 'max_tokens', kind: 'int', required: true, min: 1, max: 4096 },
];

/** Starts the service on a free loopback port. */
export async function startGenerateService(opts: GenerateServiceOptions = {}): Promise<GenerateService> {
  const started = Date.now();
  const latencies: number[] = [];
  const seen = new Map<string, number>();
  const buckets = new Map<string, { tokens: number; at: number }>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  const corsOrigin = (origin: string | undefined): string | undefined => {
    const allowed = opts.corsOrigins;
    if (!allowed || !origin) return undefined;
    if (allowed.includes('*')) return '*';
    return allowed.includes(origin) ? origin : undefined;
  };

  const take = (caller: string): number | undefined => {
    const limit = opts.rateLimit;
    if (!limit) return undefined;
    const now = Date.now();
    const b = buckets.get(caller) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.requestsPerSecond);
    b.at = now;
    buckets.set(caller, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / limit.requestsPerSecond));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const origin = corsOrigin(req.headers.origin);
    // Starlette's CORSMiddleware answers preflights itself, before any route or dependency runs.
    if (method === 'OPTIONS' && req.headers['access-control-request-method'] && opts.corsOrigins) {
      if (!origin) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('Disallowed CORS origin');
        return 400;
      }
      const requested = req.headers['access-control-request-headers'];
      res
        .writeHead(200, {
          'content-type': 'text/plain',
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
          ...(requested ? { 'access-control-allow-headers': requested } : {}),
          'access-control-max-age': '600',
          vary: 'Origin',
        })
        .end('OK');
      return 200;
    }
    if (origin) res.setHeader('access-control-allow-origin', origin);
    const body = await readBody(req);

    const allowed = ROUTES[url.pathname];
    if (!allowed) return reply(res, 404, { detail: 'Not Found' });
    if (!allowed.includes(method)) return reply(res, 405, { detail: 'Method Not Allowed' });

    if (url.pathname === '/health')
      return reply(res, 200, { status: 'healthy', timestamp: new Date().toISOString(), version: VERSION });
    if (url.pathname === '/stats') {
      const uptime = (Date.now() - started) / 1000;
      const average = latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0;
      return reply(res, 200, {
        requests: latencies.length,
        avg_latency: average,
        total_requests: latencies.length,
        average_latency: average,
        requests_per_minute: latencies.length / Math.max(uptime / 60, 1 / 60),
        uptime,
      });
    }
    if (url.pathname === '/status')
      return reply(res, 200, {
        status: 'running',
        uptime: (Date.now() - started) / 1000,
        models_loaded: [MODEL],
        background_tasks: { monitor: 'running', optimizer: 'running' },
      });

    // POST /generate or /inference: the API key dependency, then the body, then the limiter.
    let caller = req.socket.remoteAddress ?? 'anonymous';
    if (opts.apiKey !== undefined) {
      const match = /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '');
      if (!match || !sameKey(match[1] as string, opts.apiKey))
        return reply(res, 401, { detail: 'Invalid or missing API key' }, { 'www-authenticate': 'Bearer' });
      caller = 'key';
    }
    if (body.tooLarge) return reply(res, 413, { detail: 'Request body too large' });
    const fields = url.pathname === '/generate' ? GENERATE : INFERENCE;
    const parsed = parseJson(req, body.text);
    const invalid = opts.validationStatus ?? 422;
    if ('detail' in parsed) return reply(res, invalid, { detail: parsed.detail });
    const problems = validate(parsed.value, fields);
    if (problems.length) return reply(res, invalid, { detail: problems });
    const wait = take(caller);
    if (wait !== undefined)
      return reply(res, 429, { detail: 'Rate limit exceeded' }, { 'retry-after': String(wait) });

    const request = parsed.value as { prompt: string; max_tokens?: number };
    const t0 = performance.now();
    const text = 'Hello! I am a small test model.';
    const promptTokens = Math.max(1, Math.ceil(request.prompt.length / 4));
    const completionTokens = Math.min(request.max_tokens ?? 100, 8);
    latencies.push((performance.now() - t0) / 1000);
    return reply(res, 200, {
      text,
      model: MODEL,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    });
  };

  const reply = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => {
    send(res, status, body, headers);
    return status;
  };

  const server = await listenLoopback((req, res) => {
    handle(req, res)
      .then((status) => {
        const key = `${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname} ${status}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      })
      .catch(() => {
        if (!res.headersSent) send(res, 500, { detail: 'Internal Server Error' });
      });
  });
  return {
    ...server,
    seen,
  };
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The whole body as text; past MAX_BODY the rest is read and dropped. */
async function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY };
}

/** FastAPI reads a JSON body only when the content type says JSON; anything else fails validation. */
function parseJson(req: IncomingMessage, text: string): { value: unknown } | { detail: Detail } {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json'))
    return {
      detail: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
        },
      ],
    };
  if (text.trim() === '') return { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required' }] };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }] };
  }
}

/** Pydantic's checks for one request model; a list of problems, empty when the body is valid. */
function validate(value: unknown, fields: Field[]): Detail {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
      },
    ];
  const body = value as Record<string, unknown>;
  const problems: Detail = [];
  for (const f of fields) {
    const v = body[f.name];
    const loc = ['body', f.name];
    if (v === undefined) {
      if (f.required) problems.push({ type: 'missing', loc, msg: 'Field required' });
      continue;
    }
    if (f.kind === 'string') {
      if (typeof v !== 'string')
        problems.push({ type: 'string_type', loc, msg: 'Input should be a valid string' });
      else if (f.min !== undefined && v.length < f.min)
        problems.push({
          type: 'string_too_short',
          loc,
          msg: `String should have at least ${f.min} character`,
        });
      continue;
    }
    const ok = typeof v === 'number' && Number.isFinite(v) && (f.kind === 'number' || Number.isInteger(v));
    if (!ok) {
      problems.push({
        type: f.kind === 'int' ? 'int_type' : 'float_type',
        loc,
        msg: `Input should be a valid ${f.kind === 'int' ? 'integer' : 'number'}`,
      });
      continue;
    }
    const n = v as number;
    if (f.min !== undefined && n < f.min)
      problems.push({
        type: 'greater_than_equal',
        loc,
        msg: `Input should be greater than or equal to ${f.min}`,
      });
    else if (f.max !== undefined && n > f.max)
      problems.push({ type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${f.max}` });
  }
  return problems;
}
