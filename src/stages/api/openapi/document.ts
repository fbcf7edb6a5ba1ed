/**
 * An OpenAPI 3.0 / 3.1 document (YAML or JSON) with its `$ref`s resolvable, local (`#/components/...`)
 * and to other files beside it (`schemas.yaml#/Model`). Parsed with positions, so a broken reference or
 * a malformed part is reported at its file:line:column (exit 2), not as a failed check.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ConfigError, formatPath } from '../../../config/errors.js';
import { closest } from '../../../config/suggest.js';

export type Step = string | number;

/** One parsed file of the document. */
export interface Source {
  file: string;
  display: string;
  root: unknown;
  contents: unknown;
  lineCounter: LineCounter;
}

/** A value of the document and where it is, for references relative to it and for messages. */
export interface Located<T = unknown> {
  value: T;
  source: Source;
  path: Step[];
}

const WHAT = 'OpenAPI document';

export class OpenApiDocument {
  readonly version: '3.0' | '3.1';
  readonly main: Source;
  private readonly sources: Map<string, Source>;

  private constructor(main: Source, sources: Map<string, Source>, version: '3.0' | '3.1') {
    this.main = main;
    this.sources = sources;
    this.version = version;
  }

  /** Reads the document and every file its `$ref`s name; throws ConfigError naming file and place. */
  static async load(file: string, display: string): Promise<OpenApiDocument> {
    const sources = new Map<string, Source>();
    const main = await readSource(file, display, undefined);
    sources.set(file, main);
    const version = checkVersion(main);
    const pending = [main];
    while (pending.length > 0) {
      const source = pending.pop() as Source;
      for (const ref of externalRefs(source)) {
        const target = path.resolve(path.dirname(source.file), decodeURIComponent(ref.file));
        if (sources.has(target)) continue;
        const shown = path.relative(process.cwd(), target) || target;
        const loaded = await readSource(target, shown, { source, path: ref.path });
        sources.set(target, loaded);
        pending.push(loaded);
      }
    }
    return new OpenApiDocument(main, sources, version);
  }

  /** The main file's root, located. */
  root(): Located {
    return { value: this.main.root, source: this.main, path: [] };
  }

  /** A child of a located value (no `$ref` following). */
  child(loc: Located, ...steps: Step[]): Located {
    let value = loc.value;
    for (const step of steps)
      value = value && typeof value === 'object' ? (value as Record<Step, unknown>)[step] : undefined;
    return { value, source: loc.source, path: [...loc.path, ...steps] };
  }

  /** Follows `$ref` chains until a value that is not a reference (cycles are reported). */
  deref(loc: Located): Located {
    let current = loc;
    const seen = new Set<string>();
    while (isRecord(current.value) && typeof current.value.$ref === 'string') {
      const key = `${current.source.file}#${formatPath(current.path)}`;
      if (seen.has(key)) throw this.problem(loc, `\`$ref\` ${current.value.$ref} refers to itself in a loop`);
      seen.add(key);
      current = this.resolve(current.value.$ref, current);
    }
    return current;
  }

  /** Resolves a `$ref` written at `at` (a JSON pointer, with or without a file part). */
  resolve(ref: string, at: Located): Located {
    const refAt = { ...at, path: [...at.path, '$ref'] };
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart))
      throw this.problem(
        refAt,
        `remote \`$ref\` ${ref} is not followed; download it beside the document and refer to the file`,
      );
    const source = filePart
      ? this.sources.get(path.resolve(path.dirname(at.source.file), decodeURIComponent(filePart)))
      : at.source;
    if (!source) throw this.problem(refAt, `\`$ref\` ${ref}: the file was not loaded`);
    if (pointer !== '' && !pointer.startsWith('/'))
      throw this.problem(
        refAt,
        `\`$ref\` ${ref} is not a JSON pointer; write it like #/components/schemas/Name`,
      );
    const steps = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
    let value: unknown = source.root;
    const walked: Step[] = [];
    for (const step of steps) {
      const key: Step = Array.isArray(value) ? Number(step) : step;
      const next = Array.isArray(value)
        ? value[key as number]
        : isRecord(value) && Object.hasOwn(value, step)
          ? value[step]
          : undefined;
      if (next === undefined) {
        const under = walked.map((w) => escapePointer(String(w)));
        const guess = closest(step, isRecord(value) ? Object.keys(value) : []);
        const fixed = guess
          ? `; did you mean ${filePart}#/${[...under, escapePointer(guess)].join('/')}?`
          : '';
        const where = under.length > 0 ? `under #/${under.join('/')}` : 'at its root';
        throw this.problem(
          refAt,
          `\`$ref\` ${ref} points to nothing: ${source.display} has no "${step}" ${where}${fixed}`,
        );
      }
      walked.push(key);
      value = next;
    }
    return { value, source, path: walked };
  }

  /** A ConfigError at the place of `loc` in its file. */
  problem(loc: { source: Source; path: Step[] }, message: string): ConfigError {
    return new ConfigError(
      [{ file: loc.source.display, ...position(loc.source, loc.path), path: formatPath(loc.path), message }],
      { what: WHAT },
    );
  }
}

async function readSource(
  file: string,
  display: string,
  from: { source: Source; path: Step[] } | undefined,
): Promise<Source> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : `cannot be read: ${(err as Error).message}`;
    if (from) {
      throw new ConfigError(
        [
          {
            file: from.source.display,
            ...position(from.source, from.path),
            path: formatPath(from.path),
            message: `\`$ref\` to ${display}: ${why}`,
          },
        ],
        { what: WHAT },
      );
    }
    throw new ConfigError(
      [{ file: display, path: '', message: `${why}; \`openapi.spec\` is relative to the suite file` }],
      { what: WHAT },
    );
  }
  const lineCounter = new LineCounter();
  // JSON is YAML: one parser for both, keeping positions.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.slice(0, 5).map((e) => {
        const p = lineCounter.linePos(e.pos[0]);
        return {
          file: display,
          line: p.line,
          column: p.col,
          path: '',
          message: `not valid YAML or JSON: ${e.message.split('\n')[0]}`,
        };
      }),
      { what: WHAT },
    );
  }
  return { file, display, root: doc.toJS({ maxAliasCount: -1 }), contents: doc.contents, lineCounter };
}

function checkVersion(main: Source): '3.0' | '3.1' {
  const root = main.root;
  const at = (p: Step[], message: string) =>
    new ConfigError([{ file: main.display, ...position(main, p), path: formatPath(p), message }], {
      what: WHAT,
    });
  if (!isRecord(root)) throw at([], 'an OpenAPI document is a mapping with `openapi`, `info` and `paths`');
  if (root.swagger !== undefined)
    throw at(
      ['swagger'],
      'this is Swagger 2.0; Gauntlet reads OpenAPI 3.0 and 3.1. Convert it (e.g. `npx swagger2openapi spec.yaml -o openapi.yaml`)',
    );
  const v = root.openapi;
  if (typeof v !== 'string' || !/^3\.[01]\.\d+/.test(v))
    throw at(
      v === undefined ? [] : ['openapi'],
      v === undefined
        ? 'missing `openapi:` (the version, e.g. "3.1.0")'
        : `openapi: ${JSON.stringify(v)} is not a version Gauntlet reads; expected 3.0.x or 3.1.x (as a string)`,
    );
  if (!isRecord(root.paths))
    throw at(root.paths === undefined ? [] : ['paths'], '`paths` must be a mapping of paths to operations');
  return v.startsWith('3.1') ? '3.1' : '3.0';
}

/** Every `$ref` with a file part in a source, with where it is written. */
function externalRefs(source: Source): { file: string; path: Step[] }[] {
  const out: { file: string; path: Step[] }[] = [];
  const walk = (value: unknown, p: Step[]) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...p, i]);
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string') {
          const filePart = v.split('#')[0] ?? '';
          if (filePart !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(filePart))
            out.push({ file: filePart, path: p });
        } else if (k !== 'example' && k !== 'examples') walk(v, [...p, k]);
      }
    }
  };
  walk(source.root, []);
  return out;
}

function position(source: Source, p: readonly Step[]): { line?: number; column?: number } {
  let node = source.contents as Node | undefined;
  for (const part of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(part));
      if (!pair) break;
      node = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
      node = node.items[part] as Node;
    } else break;
  }
  const offset = node?.range?.[0];
  if (offset === undefined) return {};
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function unescapePointer(s: string): string {
  return decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
