/**
 * CORS for the reference server, off unless `cors.origins` is set. Preflights (OPTIONS with
 * Access-Control-Request-Method) are answered here, before authentication and rate limiting, because
 * browsers send them without credentials; every answer to an allowed Origin, errors included, carries
 * Access-Control-Allow-Origin so a page can read a 401 or a 429 as well. One hook instead of @fastify/cors:
 * the server needs a fraction of it, and no dependency.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from './context.js';

const METHODS = 'GET, POST, DELETE, OPTIONS';
// Besides the safelisted response headers, a page may read when to retry and which request this was.
const EXPOSED = 'retry-after, x-request-id';
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** True when the server must run the CORS hook. */
export function corsEnabled(ctx: ServerContext): boolean {
  return ctx.options.cors !== undefined || ctx.broken.has('cors-wildcard-credentials');
}

/** onRequest hook: CORS headers for an allowed Origin; answers preflights itself (204) and ends them. */
export async function corsHook(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === '') return undefined;
  const preflight =
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  const allowed = allowedOrigin(ctx, origin);
  reply.header('vary', 'Origin');
  if (allowed) {
    reply.header('access-control-allow-origin', allowed);
    // The defect: credentials allowed for any origin, which browsers refuse and which would be unsafe.
    if (ctx.broken.has('cors-wildcard-credentials')) reply.header('access-control-allow-credentials', 'true');
    if (!preflight) reply.header('access-control-expose-headers', EXPOSED);
  }
  if (!preflight) return undefined;
  if (allowed) {
    reply.header('access-control-allow-methods', METHODS);
    // Allow what the page asks for (the OpenAI SDKs send many x-stainless-* headers); names must be tokens.
    const requested = String(request.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => TOKEN.test(h));
    if (requested.length) reply.header('access-control-allow-headers', requested.join(', '));
    reply.header('access-control-max-age', '600');
  }
  // A disallowed origin gets an answer without CORS headers, and the browser blocks the request.
  return reply.code(204).send();
}

function allowedOrigin(ctx: ServerContext, origin: string): string | undefined {
  if (ctx.broken.has('cors-wildcard-credentials')) return '*';
  const origins = ctx.options.cors?.origins ?? [];
  if (origins.includes('*')) return '*';
  return origins.includes(origin) ? origin : undefined;
}
