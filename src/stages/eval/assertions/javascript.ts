/**
 * javascript: a user's function from a file, resolved against the suite's folder and imported once.
 * `.js` and `.mjs` files load in plain Node; a `.ts` file loads only where a TypeScript loader is active
 * (running under tsx, `node --import tsx`, or vitest), so ship `.mjs` for CI. A file that cannot be
 * loaded is a config error (every case would fail the same way); a function that throws or returns
 * the wrong shape fails only its own assertion.
 */
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AssertionContext, AssertionHandler, AssertionResult } from '../types.js';
import { AssertionConfigError, messageOf } from './errors.js';
import { fmt, type Of, outcome, quote } from './result.js';

/** What the function receives besides the output text. */
export interface JavascriptAssertionContext {
  vars: Record<string, unknown>;
  prompt: string;
  output: AssertionContext['output'];
}

/** `boolean`, a score in [0, 1], or `{pass, score?, reason?}`, possibly as a promise. */
export type JavascriptAssertionResult = boolean | number | { pass: boolean; score?: number; reason?: string };

// One import per file for the whole process: a suite calls the same function for every case.
const modules = new Map<string, Promise<Record<string, unknown>>>();

/** Calls the user's function and reads its answer. */
export const javascript: AssertionHandler<Of<'javascript'>> = async (a, output, ctx) => {
  const fn = await loadFunction(resolve(ctx.baseDir, a.file), a.export);
  const returned: unknown = await fn(output, { vars: ctx.vars, prompt: ctx.prompt, output: ctx.output });
  return interpret(a, returned);
};

function interpret(a: Of<'javascript'>, value: unknown): AssertionResult {
  const name = `${a.file}#${a.export}`;
  if (typeof value === 'boolean') return outcome(a, value, value ? 1 : 0, `${name} returned ${value}`);
  if (typeof value === 'number') {
    checkScore(name, value);
    // As promptfoo does: a bare score passes when above 0, or at `threshold` when one is set.
    const pass = a.threshold === undefined ? value > 0 : value >= a.threshold;
    const limit = a.threshold === undefined ? '> 0' : `>= ${fmt(a.threshold)}`;
    return outcome(a, pass, value, `${name} returned score ${fmt(value)} (passes at ${limit})`);
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { pass?: unknown }).pass === 'boolean'
  ) {
    const { pass, score, reason } = value as { pass: boolean; score?: unknown; reason?: unknown };
    if (score !== undefined && typeof score !== 'number') throw shapeError(name, value);
    if (score !== undefined) checkScore(name, score as number);
    if (reason !== undefined && typeof reason !== 'string') throw shapeError(name, value);
    const s = (score as number | undefined) ?? (pass ? 1 : 0);
    return outcome(
      a,
      pass,
      s,
      (reason as string | undefined) ?? `${name} returned pass ${pass}, score ${fmt(s)}`,
    );
  }
  throw shapeError(name, value);
}

function checkScore(name: string, score: number): void {
  if (!Number.isFinite(score) || score < 0 || score > 1) {
    throw new Error(`${name} returned score ${score}; a score must be a number in [0, 1]`);
  }
}

function shapeError(name: string, value: unknown): Error {
  let shown: string;
  try {
    shown = quote(JSON.stringify(value) ?? String(value), 60);
  } catch {
    shown = String(value);
  }
  return new Error(
    `${name} returned ${shown}; expected a boolean, a score in [0, 1] or {pass, score?, reason?}`,
  );
}

type UserFunction = (output: string, context: JavascriptAssertionContext) => unknown;

async function loadFunction(path: string, exportName: string): Promise<UserFunction> {
  let loading = modules.get(path);
  if (!loading) {
    loading = importFile(path);
    modules.set(path, loading);
    // A failed import is not kept: a fixed file loads on the next run of the same process (watch mode).
    loading.catch(() => modules.delete(path));
  }
  const mod = await loading;
  const fn = mod[exportName];
  if (typeof fn !== 'function') {
    const has = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new AssertionConfigError(
      `javascript assertion: ${path} has no function export "${exportName}"` +
        (has.length > 0 ? ` (function exports: ${has.join(', ')})` : ' (it exports no functions)'),
    );
  }
  return fn as UserFunction;
}

async function importFile(path: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const hint =
      code === 'ERR_UNKNOWN_FILE_EXTENSION' && extname(path) === '.ts'
        ? '; .ts files need a TypeScript loader (run under tsx, or `node --import tsx`): compile it or write it as .mjs'
        : code === 'ERR_MODULE_NOT_FOUND' && messageOf(cause).includes(path)
          ? '; the path is resolved against the folder of the suite file'
          : '';
    throw new AssertionConfigError(`javascript assertion: cannot load ${path}: ${messageOf(cause)}${hint}`, {
      cause,
    });
  }
}
