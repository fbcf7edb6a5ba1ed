/**
 * What an OpenAI error response must look like: `{error: {message, type, param, code}}` under a 4xx/5xx
 * status with a JSON content type, and a status that agrees with the body (a 2xx never carries an error,
 * an error status never carries a completion). Used by the `errors` check.
 */
import { isPlainObject, jsonType, preview } from './bodies.js';

/** What is wrong with an error body, one line each; empty when it has the OpenAI shape. */
export function errorBodyProblems(json: unknown, text: string): string[] {
  if (json === undefined) {
    return [
      `the body is not JSON: ${preview(text.slice(0, 120))}; expected {"error": {"message", "type", "param", "code"}}`,
    ];
  }
  if (!isPlainObject(json) || !isPlainObject(json.error)) {
    const keys = isPlainObject(json) ? Object.keys(json).slice(0, 6).join(', ') || '(none)' : jsonType(json);
    const what = isPlainObject(json) ? `keys ${keys}` : `a JSON ${keys}`;
    const got =
      isPlainObject(json) && json.error !== undefined ? ` (error is ${preview(json.error, 60)})` : '';
    return [`the body has no "error" object (got ${what}${got})`];
  }
  const e = json.error;
  const problems: string[] = [];
  if (typeof e.message !== 'string' || e.message.trim() === '')
    problems.push(`error.message is ${preview(e.message, 40)}, expected a non-empty string`);
  if (typeof e.type !== 'string') problems.push(`error.type is ${preview(e.type, 40)}, expected a string`);
  for (const field of ['param', 'code'] as const) {
    if (!Object.hasOwn(e, field)) problems.push(`error.${field} is missing, expected a string or null`);
    else if (e[field] !== null && typeof e[field] !== 'string')
      problems.push(
        `error.${field} is ${preview(e[field], 40)} (${jsonType(e[field])}), expected a string or null`,
      );
  }
  return problems;
}

/** Whether a status and its body contradict each other, e.g. 200 with an `error` object inside. */
export function statusBodyMismatch(status: number, json: unknown): string | undefined {
  if (!isPlainObject(json)) return undefined;
  if (status >= 200 && status < 300 && json.error != null)
    return `answered ${status} (success) with an error object inside: clients treat it as a completion`;
  if (status >= 400 && Array.isArray(json.choices))
    return `answered ${status} (an error) with a completion (choices) inside`;
  return undefined;
}

/** True for a JSON content type (`application/json`, `application/problem+json`, ...). */
export function isJsonContentType(type: string | undefined): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test((type ?? '').trim());
}
