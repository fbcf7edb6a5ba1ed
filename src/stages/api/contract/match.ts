/**
 * Pact-style matching of an actual response against a contract's example: equality by default for literal
 * values, extra object keys allowed (Postel's law), and matching rules by JSON path. The most specific rule
 * for a path wins; `type`-like and `equality` rules cascade to everything below their path (so `eachLike`
 * at `$.versions` checks every version against the first example), the others apply at their path only.
 */
import type { ContractMatcher, ContractRule, PathToken } from '../../../config/contract-file.js';

/** One difference: where, what the contract expects, what came back. */
export interface Mismatch {
  path: string;
  expected: string;
  actual: string;
}

type Step = string | number;

const TYPE_LIKE = new Set(['type', 'eachLike', 'notEmpty']);

/** Differences between an expected body and the actual one under the contract's body rules. */
export function matchBody(expected: unknown, actual: unknown, rules: readonly ContractRule[]): Mismatch[] {
  const out: Mismatch[] = [];
  compare(expected, actual, [], rules, out);
  return out;
}

/** Differences in the headers the contract names (names compared case-insensitively). */
export function matchHeaders(
  expected: Record<string, string>,
  actual: Record<string, string>,
  rules: Record<string, ContractRule>,
): Mismatch[] {
  const lower = Object.fromEntries(Object.entries(actual).map(([k, v]) => [k.toLowerCase(), v]));
  const out: Mismatch[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = lower[name.toLowerCase()];
    const where = `header ${name}`;
    if (got === undefined) {
      out.push({ path: where, expected: JSON.stringify(want), actual: 'no such header' });
      continue;
    }
    const rule = rules[name.toLowerCase()];
    if (rule) {
      const failed = failedMatchers(rule, rule.matchers, want, got);
      if (failed) out.push({ path: where, expected: failed, actual: JSON.stringify(got) });
    } else if (!sameHeaderValue(name, want, got)) {
      out.push({ path: where, expected: JSON.stringify(want), actual: JSON.stringify(got) });
    }
  }
  return out;
}

/** `$.versions[0].id`, `$['model-id']`. */
export function renderPath(path: readonly Step[]): string {
  let out = '$';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) out += `.${step}`;
    else out += `['${step.replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** A short JSON rendering of a value for messages. */
export function show(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function compare(exp: unknown, act: unknown, path: Step[], rules: readonly ContractRule[], out: Mismatch[]) {
  const found = ruleAt(rules, path);
  if (found) {
    // Below its own path a type-like rule means "same type", never its list bounds.
    const matchers = found.exact
      ? found.rule.matchers
      : found.rule.matchers
          .filter((m) => TYPE_LIKE.has(m.match) || m.match === 'equality')
          .map((m): ContractMatcher => (m.match === 'equality' ? m : { match: 'type' }));
    const failed = failedMatchers(found.rule, matchers, exp, act);
    if (failed) {
      out.push({ path: renderPath(path), expected: failed, actual: show(act) });
      return;
    }
    if (!matchers.some((m) => TYPE_LIKE.has(m.match))) return;
    if (Array.isArray(exp) && Array.isArray(act)) {
      // Every actual item is held to its example, the first example standing in for the rest.
      if (exp.length === 0) return;
      act.forEach((item, i) => {
        compare(exp[Math.min(i, exp.length - 1)], item, [...path, i], rules, out);
      });
      return;
    }
    if (isRecord(exp) && isRecord(act)) compareKeys(exp, act, path, rules, out);
    return;
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act)) {
      out.push({ path: renderPath(path), expected: 'a list', actual: show(act) });
      return;
    }
    if (exp.length !== act.length)
      out.push({
        path: renderPath(path),
        expected: `${exp.length} item(s) (add an eachLike/type rule to allow any number)`,
        actual: `${act.length} item(s)`,
      });
    for (let i = 0; i < Math.min(exp.length, act.length); i++)
      compare(exp[i], act[i], [...path, i], rules, out);
    return;
  }
  if (isRecord(exp)) {
    if (!isRecord(act)) {
      out.push({ path: renderPath(path), expected: 'an object', actual: show(act) });
      return;
    }
    compareKeys(exp, act, path, rules, out);
    return;
  }
  if (!deepEqual(exp, act)) out.push({ path: renderPath(path), expected: show(exp), actual: show(act) });
}

function compareKeys(
  exp: Record<string, unknown>,
  act: Record<string, unknown>,
  path: Step[],
  rules: readonly ContractRule[],
  out: Mismatch[],
) {
  for (const [key, value] of Object.entries(exp)) {
    if (!(key in act)) {
      out.push({
        path: renderPath([...path, key]),
        expected: `${kind(value)} like ${show(value, 40)}`,
        actual: 'missing',
      });
      continue;
    }
    compare(value, act[key], [...path, key], rules, out);
  }
}

/** The most specific rule for a path: the deepest one matching it, exact fields beating `*`. */
function ruleAt(
  rules: readonly ContractRule[],
  path: readonly Step[],
): { rule: ContractRule; exact: boolean } | undefined {
  let best: { rule: ContractRule; exact: boolean } | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.tokens.length > path.length) continue;
    if (!rule.tokens.every((t, i) => stepMatches(t, path[i] as Step))) continue;
    const named = rule.tokens.filter((t) => t !== '*').length;
    const exact = rule.tokens.length === path.length;
    if (!exact && !rule.matchers.some((m) => TYPE_LIKE.has(m.match) || m.match === 'equality')) continue;
    const score = rule.tokens.length * 1000 + named;
    if (score > bestScore) {
      best = { rule, exact };
      bestScore = score;
    }
  }
  return best;
}

function stepMatches(token: PathToken, step: Step): boolean {
  if (token === '*') return true;
  if ('field' in token) return token.field === String(step);
  return token.index === step;
}

/** What the value should have been, when the rule's matchers (combined AND or OR) reject it. */
function failedMatchers(
  rule: ContractRule,
  matchers: readonly ContractMatcher[],
  exp: unknown,
  act: unknown,
): string | undefined {
  const results = matchers.map((m) => checkMatcher(m, exp, act));
  const failures = results.filter((r): r is string => r !== undefined);
  if (rule.combine === 'OR') return failures.length === results.length ? failures.join(' or ') : undefined;
  return failures.length > 0 ? failures.join(' and ') : undefined;
}

/** Undefined when `act` passes; otherwise what was expected, for the message. */
function checkMatcher(m: ContractMatcher, exp: unknown, act: unknown): string | undefined {
  switch (m.match) {
    case 'equality':
      return deepEqual(exp, act) ? undefined : show(exp);
    case 'type':
    case 'eachLike':
    case 'notEmpty': {
      const want = m.match === 'eachLike' ? 'array' : typeOf(exp);
      if (typeOf(act) !== want)
        return `${m.match === 'eachLike' ? 'a list' : kind(exp)} (${m.match} matcher)`;
      const size = sizeOf(act);
      if (m.match === 'notEmpty' && size === 0) return `a non-empty ${kindName(want)} (notEmpty matcher)`;
      if (m.min !== undefined && size !== undefined && size < m.min)
        return `at least ${m.min} item(s) (${m.match} matcher, min ${m.min}), got ${size}`;
      if (m.max !== undefined && size !== undefined && size > m.max)
        return `at most ${m.max} item(s) (${m.match} matcher, max ${m.max}), got ${size}`;
      return undefined;
    }
    case 'regex': {
      // Pact verifiers match the whole value, so `active|inactive` does not accept "inactive-ish".
      const ok =
        (typeof act === 'string' || typeof act === 'number' || typeof act === 'boolean') &&
        new RegExp(`^(?:${m.regex})$`).test(String(act));
      return ok ? undefined : `a value matching /${m.regex}/`;
    }
    case 'integer':
      return Number.isInteger(act) ? undefined : 'an integer';
    // JSON.parse cannot tell 1.0 from 1, so a decimal matcher accepts any number.
    case 'decimal':
    case 'number':
      return typeof act === 'number' && Number.isFinite(act) ? undefined : 'a number';
    case 'boolean':
      return typeof act === 'boolean' ? undefined : 'a boolean';
    case 'null':
      return act === null ? undefined : 'null';
    case 'include':
      return typeof act === 'string' && act.includes(m.value ?? '')
        ? undefined
        : `a string containing ${show(m.value)}`;
    case 'semver':
      return typeof act === 'string' && /^\d+\.\d+\.\d+(?:-[\w.-]+)?(?:\+[\w.-]+)?$/.test(act)
        ? undefined
        : 'a semantic version like 1.2.3';
    case 'timestamp':
    case 'datetime':
    case 'date':
    case 'time': {
      if (typeof act !== 'string') return `a ${m.match} string`;
      if (m.format)
        return datePattern(m.format).test(act) ? undefined : `a ${m.match} in the format ${m.format}`;
      return m.match === 'time' || !Number.isNaN(Date.parse(act)) ? undefined : `a ${m.match} string`;
    }
  }
}

/**
 * A regex for a Java date pattern (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, as Pact writes them). It checks the
 * shape, not the calendar: 2021-02-30 passes.
 */
function datePattern(format: string): RegExp {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c === "'") {
      const end = format.indexOf("'", i + 1);
      const literal = end === -1 ? format.slice(i + 1) : format.slice(i + 1, end);
      out += literal === '' ? "'" : escapeRegex(literal);
      i = end === -1 ? format.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += escapeRegex(c);
      i++;
      continue;
    }
    let n = 1;
    while (format[i + n] === c) n++;
    i += n;
    if (c === 'y' || c === 'u') out += n === 2 ? '\\d{2}' : '\\d{4}';
    else if (c === 'M' || c === 'L') out += n >= 3 ? '[A-Za-z]+' : n === 2 ? '\\d{2}' : '\\d{1,2}';
    else if ('dHhkKms'.includes(c)) out += n === 1 ? '\\d{1,2}' : `\\d{${n}}`;
    else if (c === 'S') out += `\\d{${n}}`;
    else if (c === 'D') out += '\\d{1,3}';
    else if (c === 'E') out += '[A-Za-z]+';
    else if (c === 'a') out += '(?:AM|PM|am|pm)';
    else if ('XxZ'.includes(c)) out += '(?:Z|[+-]\\d{2}(?::?\\d{2})?)';
    else out += '\\S+';
  }
  return new RegExp(`^${out}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Content-Type compares media type and the parameters the contract names; others split on commas. */
function sameHeaderValue(name: string, want: string, got: string): boolean {
  const norm = (s: string) =>
    s
      .split(',')
      .map((p) => p.trim())
      .join(',');
  if (name.toLowerCase() !== 'content-type') return norm(want) === norm(got);
  const parse = (s: string) => {
    const [type = '', ...params] = s.split(';').map((p) => p.trim().toLowerCase());
    return { type, params };
  };
  const w = parse(want);
  const g = parse(got);
  return w.type === g.type && w.params.every((p) => g.params.includes(p.replace(/\s*=\s*/, '=')));
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function kindName(type: string): string {
  return type === 'array' ? 'list' : type === 'object' ? 'object' : type;
}

/** "a string", "a list", "null" for messages. */
function kind(v: unknown): string {
  const t = typeOf(v);
  if (t === 'null') return 'null';
  const name = kindName(t);
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function sizeOf(v: unknown): number | undefined {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isRecord(v)) return Object.keys(v).length;
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
