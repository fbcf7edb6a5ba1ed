/**
 * Loads `gauntlet.yaml`: YAML parsed with positions, env interpolated, validated by the suite schema, and
 * every problem reported at once as `file:line:col path: message` (exit 2).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { hasUnknownReference, interpolateEnv } from './env.js';
import { ConfigError, type ConfigProblem, formatPath } from './errors.js';
import { nodeAt } from './positioned.js';
import { type Suite, suiteSchema } from './schema.js';
import { knownKeysAt } from './schema-walk.js';
import { closest } from './suggest.js';

export interface LoadedSuite {
  suite: Suite;
  /** Path as the user gave it, for messages. */
  file: string;
  /** Directory relative paths in the suite resolve against. */
  dir: string;
  /** sha256 of the file's text as written (before interpolation, so no secret is hashed in). */
  hash: string;
  /** Values that must never reach a log, report or stored run. */
  secrets: string[];
}

const SECRET_KEY = /key|token|secret|password|passwd|auth|cookie/i;

/** Reads and validates a suite file. */
export async function loadSuite(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedSuite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UsageError(
        `no suite at ${file}: pass a path (gauntlet run path/to/gauntlet.yaml) or run \`gauntlet init\` to write a starter suite`,
        { cause },
      );
    }
    throw new UsageError(`cannot read suite ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseSuite(text, file, env);
}

/** Validates suite text; `file` names it in messages. */
export function parseSuite(text: string, file: string, env: NodeJS.ProcessEnv = process.env): LoadedSuite {
  const {
    value: suite,
    display,
    usedVars,
  } = parseConfig(text, file, suiteSchema, env, 'a suite is a YAML mapping with `target` and `stages`');
  return {
    suite,
    file: display,
    dir: path.dirname(path.resolve(file)),
    hash: createHash('sha256').update(text).digest('hex'),
    secrets: collectSecrets(suite, usedVars, env),
  };
}

/**
 * Parses YAML config text against any schema with the suite's error machinery: env interpolation,
 * every problem at its file:line:column, did-you-mean for unknown keys. Returns the parsed value, the
 * interpolated raw data, and the env variables used (candidates for secrets).
 */
export function parseConfig<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  env: NodeJS.ProcessEnv,
  notAMapping: string,
): { value: z.output<S>; raw: Record<string, unknown>; display: string; usedVars: Set<string> } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const display = path.relative(process.cwd(), file) || file;

  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        file: display,
        ...at(e.pos[0]),
        path: '',
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }

  const problems: ConfigProblem[] = [];
  const usedVars = new Set<string>();
  visit(doc, {
    Scalar(_key, node, ancestry) {
      if (typeof node.value !== 'string') return;
      const r = interpolateEnv(node.value, env);
      for (const name of r.used) usedVars.add(name);
      const nodePath = ancestryPath(ancestry, node);
      for (const name of r.missing) {
        problems.push({
          file: display,
          ...at(node.range?.[0]),
          path: formatPath(nodePath),
          message: `environment variable ${name} is not set; export it, or give a default: \${env:${name}:-value}`,
        });
      }
      const unknown = hasUnknownReference(r.value);
      if (unknown && !r.value.includes('{port}')) {
        problems.push({
          file: display,
          ...at(node.range?.[0]),
          path: formatPath(nodePath),
          message: `${unknown} is not a reference Gauntlet knows; write \${env:NAME} for an environment variable`,
        });
      }
      node.value = r.value;
    },
  });
  if (problems.length > 0) throw new ConfigError(problems);

  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError([
      {
        file: display,
        line: 1,
        column: 1,
        path: '',
        message: notAMapping,
      },
    ]);
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => toProblem(schema, issue, doc.contents, data, display, at)),
    );
  }
  return { value: result.data, raw: data as Record<string, unknown>, display, usedVars };
}

function ancestryPath(ancestry: readonly unknown[], node: Node): PropertyKey[] {
  const out: PropertyKey[] = [];
  const chain = [...ancestry, node];
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1];
    const child = chain[i];
    if (isSeq(parent)) out.push(parent.items.indexOf(child as Node));
    else if (
      child &&
      typeof child === 'object' &&
      'key' in child &&
      isScalar((child as { key: unknown }).key)
    ) {
      out.push(String((child as { key: { value: unknown } }).key.value));
    }
  }
  return out;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function toProblem(
  schema: z.ZodType,
  issue: Issue,
  root: unknown,
  data: unknown,
  file: string,
  at: (offset: number | undefined) => { line?: number; column?: number },
): ConfigProblem {
  let issuePath = [...issue.path];
  let keyOf: string | undefined;
  let message = issue.message;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] as string;
      keyOf = key;
      const known = knownKeysAt(schema, issuePath, data) ?? [];
      const guess = closest(key, known);
      const others =
        issue.keys.length > 1
          ? ` (and ${issue.keys
              .slice(1)
              .map((k) => `"${k}"`)
              .join(', ')})`
          : '';
      message = `unknown key "${key}"${others}${guess ? `; did you mean "${guess}"?` : '.'} Allowed here: ${known.join(', ')}`;
      break;
    }
    case 'invalid_union': {
      const u = issue as Issue & { discriminator?: string; options?: unknown[] };
      if (u.discriminator) {
        const options = (u.options ?? []).map(String);
        const got = valueAt(data, issuePath);
        if (got === undefined) {
          message = `missing \`${u.discriminator}\`; expected one of ${options.join(', ')}`;
          issuePath = issuePath.slice(0, -1);
        } else {
          const guess = closest(String(got), options);
          message = `unknown ${u.discriminator} ${JSON.stringify(got)}${guess ? `; did you mean "${guess}"?` : '.'} Expected one of: ${options.join(', ')}`;
        }
      }
      break;
    }
    case 'invalid_type': {
      const got = valueAt(data, issuePath);
      if (got === undefined) {
        message = `missing required field \`${String(issuePath.at(-1))}\` (${issue.expected})`;
        issuePath = issuePath.slice(0, -1);
        return withPosition(
          { file, path: formatPath([...issuePath, ...(issue.path.slice(-1) as PropertyKey[])]), message },
          nodeAt(root, issuePath),
          at,
        );
      }
      message = `expected ${issue.expected}, got ${describe(got)}`;
      break;
    }
    case 'invalid_value': {
      if (!issue.message.startsWith('Invalid')) break; // the schema's own message says it better
      const got = valueAt(data, issuePath);
      const values = issue.values.map((v) => JSON.stringify(v));
      const guess = typeof got === 'string' ? closest(got, issue.values.map(String)) : undefined;
      message = `expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}, got ${describe(got)}${guess ? `; did you mean "${guess}"?` : ''}`;
      break;
    }
    case 'too_small':
    case 'too_big': {
      const got = valueAt(data, issuePath);
      const word =
        issue.code === 'too_small'
          ? issue.inclusive
            ? 'at least'
            : 'more than'
          : issue.inclusive
            ? 'at most'
            : 'less than';
      const unit = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : '';
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      message = `expected ${word} ${bound}${unit}, got ${Array.isArray(got) ? `${got.length} item(s)` : describe(got)}`;
      break;
    }
    default:
      break;
  }
  return withPosition({ file, path: formatPath(issuePath), message }, nodeAt(root, issuePath, keyOf), at);
}

function withPosition(
  p: Omit<ConfigProblem, 'line' | 'column'>,
  node: Node | undefined,
  at: (offset: number | undefined) => { line?: number; column?: number },
): ConfigProblem {
  return { ...p, ...at(node?.range?.[0]) };
}

function valueAt(data: unknown, p: readonly PropertyKey[]): unknown {
  let v = data;
  for (const part of p)
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[part] : undefined;
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

/** Values that must never reach a file: target keys, secret-looking headers and env values. */
export function collectSecrets(suite: Suite, usedVars: Set<string>, env: NodeJS.ProcessEnv): string[] {
  const out = new Set<string>();
  for (const t of suite.targets ?? (suite.target ? [suite.target] : [])) {
    if (t.apiKey) out.add(t.apiKey);
    for (const [k, v] of Object.entries(t.headers))
      if (SECRET_KEY.test(k)) out.add(v.replace(/^Bearer\s+/i, ''));
    for (const [k, v] of Object.entries(t.launch?.env ?? {})) if (SECRET_KEY.test(k)) out.add(v);
  }
  for (const stage of suite.stages) {
    // A valid key the api stage's auth check sends (when it is not the target's own).
    if (stage.kind === 'api' && stage.checks.auth?.validKey) out.add(stage.checks.auth.validKey);
    for (const [k, v] of Object.entries(stage.kind === 'api' ? (stage.request?.headers ?? {}) : {}))
      if (SECRET_KEY.test(k)) out.add(v.replace(/^Bearer\s+/i, ''));
  }
  for (const name of usedVars) {
    const v = env[name];
    if (v && SECRET_KEY.test(name)) out.add(v);
  }
  return [...out].filter((s) => s.length >= 4);
}
