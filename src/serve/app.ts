/**
 * The fastify app of the reference server: routes, authentication and rate limiting on /v1, OpenAI-shaped
 * errors for everything that fails (including fastify's own parse errors), and request accounting.
 */
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ApiError, quoteInput } from './api-error.js';
import type { ServerContext } from './context.js';
import { corsEnabled, corsHook } from './cors.js';
import { now } from './engine/clock.js';
import { handleGeneration } from './generate.js';
import { authenticate } from './guards.js';
import { anyBearer, reflectingNotFound, withoutRetryAfter } from './insecure.js';
import { errorReply, health, modelList } from './nonconformant.js';

const BODY_LIMIT = 16 * 1024 * 1024;

/** Builds the app for one server; `ctx` holds its state. */
export function buildApp(ctx: ServerContext): FastifyInstance {
  // Closing must not wait for keep-alive sockets or hung clients: close() promises a prompt stop.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  // Many clients (curl -d) send JSON without the right content type; parse such bodies as JSON. text/plain
  // keeps fastify's parser: the body stays a string, which the routes reject as not a JSON object (400).
  app.addContentTypeParser('*', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  // CORS first: preflights carry no credentials and must be answered before the guard refuses them.
  if (corsEnabled(ctx)) app.addHook('onRequest', async (request, reply) => corsHook(ctx, request, reply));
  app.addHook('onRequest', async (request) => guard(ctx, request));
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.countRequest(request.routeOptions.url ?? 'unmatched', reply.statusCode);
    ctx.recorder.finish(ctx.records.get(request), reply.statusCode);
  });
  app.setErrorHandler(async (error, request, reply) => {
    const apiError = toApiError(error);
    const { status, body } = errorReply(ctx, apiError, request.method);
    return reply.code(status).headers(apiError.headers).send(body);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const reflected = reflectingNotFound(ctx, request, reply);
    if (reflected) return reflected;
    // The URL as it came is percent-encoded, except characters a raw client may send: encode those too.
    const url = request.url.replace(/[<>"'`]/g, (c) => encodeURIComponent(c));
    const error = new ApiError(404, `Invalid URL (${request.method} ${url}).`, {
      code: 'unknown_url',
    });
    return reply.code(404).send(errorReply(ctx, error).body);
  });

  const version = readVersion();
  const { models, contextLength } = ctx.options;
  app.get('/health', async (_request, reply) =>
    health(ctx, reply, {
      status: 'ok',
      version,
      uptime_s: Math.round((Date.now() - ctx.startedAt) / 10) / 100,
      model: models[0],
      models,
    }),
  );
  app.get('/v1/models', async () => {
    // The `missing-model` defect lists a look-alike instead of the models it actually serves.
    const listed = ctx.broken.has('missing-model') ? [`${models[0]}-other`] : models;
    return modelList(
      ctx,
      listed.map((id) => modelCard(ctx, id, contextLength)),
    );
  });
  app.get<{ Params: { model: string } }>('/v1/models/:model', async (request) => {
    const id = request.params.model;
    if (!models.includes(id) || ctx.broken.has('missing-model')) {
      throw new ApiError(404, `The model ${quoteInput(id)} does not exist.`, {
        param: 'model',
        code: 'model_not_found',
      });
    }
    return modelCard(ctx, id, contextLength);
  });
  app.post('/v1/chat/completions', (request, reply) => handleGeneration(ctx, 'chat', request, reply));
  if (!ctx.broken.has('completions-404')) {
    app.post('/v1/completions', (request, reply) => handleGeneration(ctx, 'completion', request, reply));
  }
  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render()),
  );
  if (ctx.recorder.enabled) {
    app.get('/debug/requests', async () => ({ object: 'list', data: ctx.recorder.list() }));
    app.delete('/debug/requests', async () => {
      ctx.recorder.clear();
      return { cleared: true };
    });
  }
  return app;
}

// Only the OpenAI surface is guarded; health, metrics and debug stay open for probes and scrapers.
function guard(ctx: ServerContext, request: FastifyRequest): void {
  if (!request.url.startsWith('/v1/')) return;
  const { apiKeys } = ctx.options;
  const header = request.headers.authorization;
  const caller = apiKeys ? (anyBearer(ctx, header) ?? authenticate(header, apiKeys)) : 'anonymous';
  try {
    ctx.rateLimiter?.take(caller, now());
  } catch (err) {
    throw withoutRetryAfter(ctx, err);
  }
}

function modelCard(ctx: ServerContext, id: string, contextLength: number) {
  const created = Math.floor(ctx.startedAt / 1000);
  return { id, object: 'model', created, owned_by: 'gauntlet', max_model_len: contextLength };
}

// Fastify's own failures (bad JSON, body too large, ...) carry a 4xx statusCode; anything else is a bug.
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status =
    typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status === 500) return new ApiError(500, 'The server had an error while processing your request.');
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new ApiError(400, `We could not parse the JSON body of your request (${e.message}).`, {
      code: 'invalid_json',
    });
  }
  return new ApiError(status, e.message ?? 'Invalid request.', { code: e.code ?? null });
}

function readVersion(): string {
  try {
    // Two levels up is the package root both from src/serve (tsx, tests) and from dist/serve (built).
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
