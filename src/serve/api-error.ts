/**
 * OpenAI-shaped error responses: `{error: {message, type, param, code}}` with the matching HTTP status.
 * Clients (and the smoke stage) parse this shape, so every failure path goes through here.
 */

/** The `type` values OpenAI uses. */
export type ApiErrorType = 'invalid_request_error' | 'authentication_error' | 'requests' | 'server_error';

/** An error a route throws; the app's error handler turns it into the HTTP response. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    message: string,
    opts: {
      type?: ApiErrorType;
      param?: string | null;
      code?: string | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.type = opts.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    this.param = opts.param ?? null;
    this.code = opts.code ?? null;
    this.headers = opts.headers ?? {};
  }

  /** The JSON body OpenAI clients expect. */
  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** 400 for a request parameter: `param` names it the way OpenAI does (`messages[0].content`). */
export function invalidParam(param: string | null, message: string, code: string | null = null): ApiError {
  return new ApiError(400, message, { param, code });
}

/** 500 the way an inference server reports an internal failure. */
export function internalError(message: string): ApiError {
  return new ApiError(500, message, { code: 'internal_error' });
}

/**
 * Client input quoted for an error message: an id as it is (`'gpt-4o'`), anything else as a JSON string with
 * `<`, `>` and `&` escaped, so an error page or console that shows the message never renders the input.
 */
export function quoteInput(value: string): string {
  if (/^[\w.:/@+-]{1,256}$/.test(value)) return `'${value}'`;
  const cut = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return JSON.stringify(cut).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whole seconds to wait, at least 1, as the `Retry-After` header wants. */
export function retryAfterHeader(seconds: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}
