/**
 * Turns what undici and node:net throw into words a person understands, and says which failures are
 * worth a retry (transient: refused while a server restarts, a reset keep-alive socket) and which are not.
 */

export interface NetFailure {
  /** The error code found on the error or its causes (ECONNREFUSED, UND_ERR_SOCKET, ...). */
  code: string | undefined;
  /** What happened, in words, with the code in parentheses. */
  reason: string;
  retryable: boolean;
}

const DESCRIPTIONS: Record<string, [string, boolean]> = {
  ECONNREFUSED: ['connection refused (nothing is listening on that port)', true],
  ENOTFOUND: ['DNS lookup failed: the host name does not resolve', false],
  EAI_AGAIN: ['DNS lookup failed temporarily', true],
  ECONNRESET: ['the connection was reset by the other side', true],
  EPIPE: ['the connection closed while the request was being sent', true],
  EHOSTUNREACH: ['no route to the host', true],
  ENETUNREACH: ['the network is unreachable', true],
  ETIMEDOUT: ['the operating system gave up connecting', true],
  ECONNABORTED: ['the connection was aborted', true],
  UND_ERR_SOCKET: ['the server closed the connection', true],
  UND_ERR_CLOSED: ['the HTTP client was already closed', false],
  UND_ERR_DESTROYED: ['the HTTP client was destroyed', false],
};

/** The first `code` on an error, its `cause` chain, or an AggregateError's members (happy-eyeballs). */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (err === null || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(e.cause, depth + 1);
}

/** Describes a failure to get a response. */
export function describeNetFailure(err: unknown): NetFailure {
  const code = errorCode(err);
  const known = code ? DESCRIPTIONS[code] : undefined;
  const message = err instanceof Error && err.message ? err.message : String(err);
  if (known) return { code, reason: `${known[0]} (${code})`, retryable: known[1] };
  if (code && /CERT|TLS|SSL/.test(code))
    return { code, reason: `TLS failed: ${message} (${code})`, retryable: false };
  return { code, reason: code ? `${message} (${code})` : message, retryable: false };
}

/** Programmer errors (bad arguments to undici) must surface as they are, not as "target unreachable". */
export function isProgrammerError(err: unknown): boolean {
  const code = errorCode(err);
  if (code?.startsWith('UND_ERR_INVALID') || code === 'UND_ERR_NOT_SUPPORTED') return true;
  return code === undefined && (err instanceof TypeError || err instanceof RangeError);
}
