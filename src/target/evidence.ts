/** Evidence of one HTTP exchange, built in one place so that redaction cannot be forgotten. */
import type { HttpEvidence } from '../run/events.js';
import { toCurl } from './curl.js';
import { redactDeep, redactHeaders, redactString } from './redact.js';

/** A request as sent: real header values, the body both as given and as serialised. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as the caller gave it (an object, or a raw string). */
  body?: unknown;
  /** The bytes on the wire. */
  bodyText?: string;
}

/** How to hide secrets: the values to scrub and the env var the curl line reads the API key from. */
export interface Redaction {
  secrets: readonly string[];
  apiKeyEnv: string;
}

export interface ResponseSeen {
  status?: number;
  headers?: Record<string, string>;
  excerpt?: string;
}

/** Request (redacted), response (redacted) and a curl line, in the shape checks and reports store. */
export function buildEvidence(
  req: OutgoingRequest,
  redaction: Redaction,
  response?: ResponseSeen,
): HttpEvidence {
  const { secrets } = redaction;
  const evidence: HttpEvidence = {
    request: {
      method: req.method,
      url: redactString(req.url, secrets),
      headers: redactHeaders(req.headers, secrets),
      ...(req.body === undefined ? {} : { body: redactDeep(req.body, secrets) }),
    },
    curl: toCurl(
      { method: req.method, url: req.url, headers: req.headers, body: req.bodyText ?? req.body },
      { apiKeyEnv: redaction.apiKeyEnv, secrets },
    ),
  };
  if (response) {
    evidence.response = {
      ...(response.status === undefined ? {} : { status: response.status }),
      ...(response.headers ? { headers: redactHeaders(response.headers, secrets) } : {}),
      ...(response.excerpt === undefined ? {} : { excerpt: redactString(response.excerpt, secrets) }),
    };
  }
  return evidence;
}
