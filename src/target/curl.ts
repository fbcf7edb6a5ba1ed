/**
 * A `curl` line that reproduces a request, for evidence. Credentials become environment references
 * (`$OPENAI_API_KEY`) so the line can be pasted into a shell and run, yet prints no secret.
 */
import { isSecretHeader, redactString } from './redact.js';

export interface CurlRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is sent as JSON. */
  body?: unknown;
}

export interface CurlOptions {
  /** The variable that holds the API key; default OPENAI_API_KEY. */
  apiKeyEnv?: string;
  /** Known secret values to scrub from the URL, the body and the other headers. */
  secrets?: readonly string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLAIN_HEADER_NAME = /^[A-Za-z0-9_.-]+$/;
// curl computes these itself; copying them can only make the line wrong after an edit.
const SKIPPED = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);
const API_KEY_HEADERS = new Set(['authorization', 'api-key', 'x-api-key']);

/** Quotes a value for a POSIX shell: single quotes, with embedded quotes written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Returns a copy-pastable shell line for the request, with no secret in it. */
export function toCurl(req: CurlRequest, options: CurlOptions = {}): string {
  const apiKeyEnv =
    options.apiKeyEnv && ENV_NAME.test(options.apiKeyEnv) ? options.apiKeyEnv : 'OPENAI_API_KEY';
  const secrets = options.secrets ?? [];
  const bodyText =
    req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const method = req.method.toUpperCase();
  const parts = ['curl'];
  if (method !== 'GET' && !(method === 'POST' && bodyText !== undefined)) parts.push('-X', method);
  // Without -N curl buffers the output and a stream looks like one late blob.
  if (bodyText !== undefined && /"stream"\s*:\s*true/.test(bodyText)) parts.push('-N');
  parts.push(shellQuote(redactString(req.url, secrets)));
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const lower = name.toLowerCase();
    if (SKIPPED.has(lower)) continue;
    if (!isSecretHeader(name)) {
      parts.push('-H', shellQuote(`${name}: ${redactString(value, secrets)}`));
      continue;
    }
    const env = API_KEY_HEADERS.has(lower) ? apiKeyEnv : envNameFor(name);
    // Keep the auth scheme ("Bearer") literal: only the credential comes from the environment.
    const scheme = lower === 'authorization' ? /^(\w+)\s+/.exec(value)?.[1] : undefined;
    parts.push('-H', envHeader(name, scheme ? `${scheme} ` : '', env));
  }
  if (bodyText !== undefined) parts.push('--data-raw', shellQuote(redactString(bodyText, secrets)));
  return parts.join(' ');
}

/** `"Name: prefix$ENV"`: double quotes so the shell expands the variable; odd names fall back to concatenation. */
function envHeader(name: string, prefix: string, env: string): string {
  if (PLAIN_HEADER_NAME.test(name) && /^\w* ?$/.test(prefix)) return `"${name}: ${prefix}$${env}"`;
  return `${shellQuote(`${name}: ${prefix}`)}"$${env}"`;
}

/** X-Custom-Token -> X_CUSTOM_TOKEN, a name a person can export before pasting the line. */
function envNameFor(header: string): string {
  const name = header.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[A-Z_]/.test(name) ? name : `H_${name}`;
}
