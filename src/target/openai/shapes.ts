/**
 * Minimal runtime checks of response bodies. A server that answers 200 with the wrong shape is the kind
 * of bug Gauntlet exists to catch, so it becomes E_TARGET_MALFORMED with a reason, not a TypeError later.
 * These check only what the client itself relies on; deeper contract checks belong to the api stage.
 */

/** Returns what is wrong with a chat completion body, or undefined when it has the expected shape. */
export function chatCompletionProblem(json: unknown): string | undefined {
  const base = choicesProblem(json, 'a chat completion');
  if (base) return base;
  const choices = (json as { choices: unknown[] }).choices;
  const bad = choices.findIndex((c) => !isObject(c) || !isObject(c.message));
  return bad === -1 ? undefined : `choices[${bad}] has no message object`;
}

/** Returns what is wrong with a text completion body, or undefined. */
export function completionProblem(json: unknown): string | undefined {
  const base = choicesProblem(json, 'a completion');
  if (base) return base;
  const choices = (json as { choices: unknown[] }).choices;
  const bad = choices.findIndex((c) => !isObject(c) || typeof c.text !== 'string');
  return bad === -1 ? undefined : `choices[${bad}] has no text string`;
}

/** Returns what is wrong with a model list body, or undefined. */
export function modelListProblem(json: unknown): string | undefined {
  if (!isObject(json)) return `expected a model list (an object with a data array), got ${kind(json)}`;
  if (!Array.isArray(json.data)) return `expected a model list with a data array, got keys ${keys(json)}`;
  const bad = json.data.findIndex((m) => !isObject(m) || typeof m.id !== 'string');
  return bad === -1 ? undefined : `data[${bad}] has no id string`;
}

function choicesProblem(json: unknown, what: string): string | undefined {
  if (!isObject(json)) return `expected ${what} (an object with a choices array), got ${kind(json)}`;
  if (json.error != null) return 'the body is an error although the status is 2xx';
  if (!Array.isArray(json.choices)) return `expected ${what} with a choices array, got keys ${keys(json)}`;
  return undefined;
}

/** True for a plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function keys(obj: Record<string, unknown>): string {
  const names = Object.keys(obj);
  return names.length === 0 ? '(none)' : names.slice(0, 8).join(', ');
}
