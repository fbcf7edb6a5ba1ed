/**
 * The security defects of broken modes (auth-bypass, no-retry-after, reflect-xss, stack-trace), kept here
 * so the routes they bend change by one line each. Never reached unless a mode asks for it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, internalError } from './api-error.js';
import type { ServerContext } from './context.js';

/** `auth-bypass`: any well-formed Bearer token passes; a missing or malformed header is still refused. */
export function anyBearer(ctx: ServerContext, header: string | undefined): string | undefined {
  if (!ctx.broken.has('auth-bypass')) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/** `no-retry-after`: the same 429, minus the header that says when to come back. */
export function withoutRetryAfter(ctx: ServerContext, err: unknown): unknown {
  if (!ctx.broken.has('no-retry-after') || !(err instanceof ApiError) || err.status !== 429) return err;
  return new ApiError(err.status, err.message, { type: err.type, param: err.param, code: err.code });
}

/**
 * `stack-trace`: a model id carrying SQL (a quote followed by SQL words, as injection payloads do) "breaks
 * the lookup query", and the 500 carries the database error and the Node stack, as a server that sends
 * `err.stack` to the client does. Random text (the fuzz check's) does not trip it, so only injection fails.
 */
export function leakedStackTrace(ctx: ServerContext, model: string): ApiError | undefined {
  if (!ctx.broken.has('stack-trace') || !/'\s*(OR|AND|;|--|DROP|UNION|SELECT)/i.test(model)) return undefined;
  const err = new Error(`SQLITE_ERROR: near "${model.slice(0, 40)}": syntax error`);
  return internalError(err.stack ?? err.message);
}

/**
 * `reflect-xss`: an HTML 404 page that prints the decoded path raw. Only for paths carrying markup, so the
 * JSON 404 that other checks read stays as it is.
 */
export function reflectingNotFound(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  if (!ctx.broken.has('reflect-xss')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(request.url);
  } catch {
    path = request.url;
  }
  if (!/[<>]/.test(path)) return undefined;
  return reply
    .code(404)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html><body><h1>Not found</h1><p>No route for ${path}</p></body></html>`);
}
