/**
 * The conformance defects of broken modes (models-shape, error-200, error-shape, chunk-ids, health-down,
 * bad-input-500, model-type-500), kept here so the routes they bend change by one line each. Each makes
 * exactly one api check fail (models, errors, errors, sse, health, bad_input, fuzz). Never reached
 * unless a mode asks for it.
 */
import type { FastifyReply } from 'fastify';
import { type ApiError, internalError } from './api-error.js';
import type { ServerContext } from './context.js';

/** `models-shape`: the model list without `object: "list"`, and cards without `object: "model"`. */
export function modelList(ctx: ServerContext, cards: Record<string, unknown>[]): object {
  if (!ctx.broken.has('models-shape')) return { object: 'list', data: cards };
  return {
    data: cards.map(({ object: _object, created, ...rest }) => ({ ...rest, created: String(created) })),
  };
}

/**
 * The status and body an error is sent with. `error-200`: a completion request for an unknown model comes
 * back 200 with the error inside, as some proxies answer (GET /models/{id} stays a 404, so only the
 * errors check sees it). `error-shape`: every error body is FastAPI's `{detail}`, not OpenAI's.
 */
export function errorReply(
  ctx: ServerContext,
  err: ApiError,
  method = 'POST',
): { status: number; body: object } {
  const bent = ctx.broken.has('error-200') && err.code === 'model_not_found' && method === 'POST';
  const status = bent ? 200 : err.status;
  return { status, body: ctx.broken.has('error-shape') ? { detail: err.message } : err.body() };
}

/** `health-down`: /health answers 503 with the status a loading server reports. */
export function health(ctx: ServerContext, reply: FastifyReply, body: Record<string, unknown>): object {
  if (!ctx.broken.has('health-down')) return body;
  reply.code(503);
  return { ...body, status: 'unavailable' };
}

/** `chunk-ids`: every stream chunk gets an id of its own instead of the response's one id. */
export function chunkWithId(ctx: ServerContext, chunk: object, n: number): object {
  if (!ctx.broken.has('chunk-ids')) return chunk;
  const id = (chunk as { id?: unknown }).id;
  return { ...chunk, id: `${String(id)}-${n}` };
}

const RANGE_PARAMS = new Set(['max_tokens', 'max_completion_tokens', 'temperature', 'top_p']);

/**
 * Parses a body with the crashes of two modes. `model-type-500`: a `model` that is not a string (and not
 * null) crashes the handler, as an unguarded `model.toLowerCase()` would. `bad-input-500`: an out-of-range
 * max_tokens, temperature or top_p becomes a 500 instead of a 400.
 */
export function parseWithCrashes<T>(ctx: ServerContext, body: unknown, parse: () => T): T {
  const model = (body as { model?: unknown } | null | undefined)?.model;
  // Arrays, numbers and booleans only: an object `model` (a NoSQL payload) is the injection check's
  // business, and must stay a clean 400 so that only the fuzz check fails in this mode.
  const crashes = Array.isArray(model) || typeof model === 'number' || typeof model === 'boolean';
  if (ctx.broken.has('model-type-500') && crashes) {
    throw internalError('TypeError: model.toLowerCase is not a function (broken mode model-type-500).');
  }
  try {
    return parse();
  } catch (err) {
    const e = err as ApiError;
    if (ctx.broken.has('bad-input-500') && e.code === 'invalid_value' && RANGE_PARAMS.has(String(e.param)))
      throw internalError(`Internal server error (broken mode bad-input-500): ${e.message}`);
    throw err;
  }
}
