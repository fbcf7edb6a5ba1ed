/**
 * Errors the fault proxy shows a person: a bad upstream, a port in use, a fault that does not parse (with
 * the field at fault, the way the suite loader names it), a name already taken.
 */
import type { z } from 'zod';
import { type Fault, faultSchema } from '../../config/faults.js';
import { closest } from '../../config/suggest.js';
import { type ExitCode, GauntletError } from '../../errors.js';
import { formatPath } from '../errors.js';

/** A proxy problem with a stable code; exit 2 by default since the input must change. */
export class FaultProxyError extends GauntletError {
  constructor(code: string, message: string, options: { exitCode?: ExitCode; cause?: unknown } = {}) {
    super(code, message, { exitCode: 2, ...options });
  }
}

/** A fault that does not parse: `path` names the field (`latency`, `toxicity`, `type`), '' for the whole. */
export class FaultInputError extends FaultProxyError {
  readonly path: string;
  readonly problem: string;
  constructor(path: string, problem: string) {
    super('E_PROXY_FAULT', path ? `${path}: ${problem}` : problem);
    this.path = path;
    this.problem = problem;
  }
}

const faultTypes = faultSchema.options.map((o) => o.shape.type.value);

/** Parses a fault as the control API and `--fault` receive it; throws FaultInputError naming the field. */
export function parseFault(input: unknown): Fault {
  const parsed = faultSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new FaultInputError('', 'invalid fault');
  throw describeIssue(issue, input);
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): FaultInputError {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (issue.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 'type') {
    const guess = typeof type === 'string' ? closest(type, faultTypes) : undefined;
    const got = type === undefined ? 'no fault type' : `unknown fault type ${JSON.stringify(type)}`;
    return new FaultInputError(
      'type',
      `${got}${guess ? `; did you mean ${guess}?` : ''} Types: ${faultTypes.join(', ')}`,
    );
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const option = faultSchema.options.find((o) => o.shape.type.value === type);
    const known = option ? Object.keys(option.shape) : [];
    const guess = closest(key, known);
    return new FaultInputError(
      formatPath([...issue.path, key]),
      `unknown field of a ${String(type)} fault${guess ? `; did you mean ${guess}?` : '.'} Fields: ${known.join(', ')}`,
    );
  }
  return new FaultInputError(formatPath(issue.path), issue.message);
}

/** Checks the upstream is an http(s) origin; the proxy forwards each request's own path to it. */
export function parseUpstream(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (err) {
    throw new FaultProxyError(
      'E_PROXY_UPSTREAM',
      `upstream ${JSON.stringify(text)} is not a URL; give the server to forward to, e.g. http://127.0.0.1:8000`,
      { cause: err },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FaultProxyError(
      'E_PROXY_UPSTREAM',
      `upstream ${text} must be http:// or https:// (the proxy speaks HTTP/1.1 to it)`,
    );
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new FaultProxyError(
      'E_PROXY_UPSTREAM',
      `upstream ${text} must be an origin like ${url.origin}: the proxy forwards each request's own path, so a client of the proxy asks for ${url.pathname.replace(/\/$/, '')}/... itself`,
    );
  }
  return url;
}
