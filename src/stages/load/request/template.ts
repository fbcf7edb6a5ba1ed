/**
 * `{{var}}` templates for generic HTTP targets, compiled once so that filling one per request is a few
 * string joins. A body string that is exactly `"{{var}}"` takes the variable's own JSON value (a number
 * stays a number, an object stays an object); anywhere else a variable is written as text.
 */

/** Fills a template from a workload row's variables; throws TemplateError naming a missing variable. */
export type Render<T> = (vars: Record<string, unknown> | undefined) => T;

/** A variable the template uses is not in the workload row. */
export class TemplateError extends Error {}

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;

/** The variables a template (any JSON-like value) refers to, so a stage can check rows before a run. */
export function templateVariables(template: unknown, found = new Set<string>()): Set<string> {
  if (typeof template === 'string') {
    for (const m of template.matchAll(PLACEHOLDER)) found.add(m[1] as string);
  } else if (Array.isArray(template)) {
    for (const item of template) templateVariables(item, found);
  } else if (template !== null && typeof template === 'object') {
    for (const value of Object.values(template)) templateVariables(value, found);
  }
  return found;
}

/** Compiles a string template; `encode` escapes each value (e.g. encodeURIComponent in a path). */
export function compileString(template: string, encode: (text: string) => string = (t) => t): Render<string> {
  const parts = template.split(PLACEHOLDER); // odd indexes are variable names
  if (parts.length === 1) return () => template;
  return (vars) => {
    let out = parts[0] as string;
    for (let i = 1; i < parts.length; i += 2) {
      out += encode(asText(lookup(vars, parts[i] as string))) + (parts[i + 1] as string);
    }
    return out;
  };
}

/** Compiles a JSON body template to a function that returns the body as JSON text. */
export function compileBody(template: unknown): Render<string> {
  if (templateVariables(template).size === 0) {
    const text = JSON.stringify(template);
    return () => text;
  }
  const fill = compileValue(template);
  return (vars) => JSON.stringify(fill(vars));
}

/** Compiles each header value. */
export function compileHeaders(headers: Record<string, string>): Render<Record<string, string>> {
  if (templateVariables(headers).size === 0) return () => headers;
  const entries = Object.entries(headers).map(([name, value]) => [name, compileString(value)] as const);
  return (vars) => {
    const out: Record<string, string> = {};
    for (const [name, render] of entries) out[name] = render(vars);
    return out;
  };
}

function compileValue(template: unknown): Render<unknown> {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) {
      const name = whole[1] as string;
      return (vars) => lookup(vars, name);
    }
    return compileString(template);
  }
  if (Array.isArray(template)) {
    const items = template.map(compileValue);
    return (vars) => items.map((item) => item(vars));
  }
  if (template !== null && typeof template === 'object') {
    const fields = Object.entries(template).map(([key, value]) => [key, compileValue(value)] as const);
    return (vars) => {
      const out: Record<string, unknown> = {};
      for (const [key, fill] of fields) out[key] = fill(vars);
      return out;
    };
  }
  return () => template;
}

// `{{a.b}}` reaches into nested rows; a variable that is not there is an error, never an empty string.
function lookup(vars: Record<string, unknown> | undefined, name: string): unknown {
  if (vars !== undefined && Object.hasOwn(vars, name)) return vars[name];
  let value: unknown = vars;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw new TemplateError(`the request template uses {{${name}}} but the workload row has no "${name}"`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
