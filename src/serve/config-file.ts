/**
 * Reads `gauntlet serve --config FILE`: YAML or JSON (JSON is parsed as YAML, so both get positions),
 * validated by the options schema. Every error names the file, the line and column, and the field.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { answerRuleSchema, loadAnswers } from './answers.js';
import { type ConfigLocation, formatPath, ServeConfigError } from './errors.js';
import { type ServeOptions, serveOptionsSchema } from './options.js';

// In a file, `answers` may also be the path of a JSONL answers file, relative to the config file.
const fileSchema = serveOptionsSchema.extend({
  answers: z.union([z.string().min(1), z.array(answerRuleSchema)]).optional(),
});

/** Loads and validates a serve config file; returns the options as written (defaults not yet applied). */
export async function loadServeConfig(file: string): Promise<ServeOptions> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ServeConfigError(
      `cannot read the config file: ${(err as Error).message}`,
      { file },
      { cause: err },
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0];
    throw new ServeConfigError(`not valid YAML or JSON: ${yamlError.message.split('\n')[0]}`, {
      file,
      line: pos?.line,
      column: pos?.col,
    });
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const unknownKey = issue.code === 'unrecognized_keys';
    const path = unknownKey ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    throw new ServeConfigError(issue.message, locate(doc, lines, path, file, unknownKey));
  }
  const options = raw as ServeOptions & { answers?: unknown };
  if (typeof parsed.data.answers === 'string') {
    options.answers = await loadAnswers(resolve(dirname(file), parsed.data.answers));
  }
  // Like `answers`, a model file named in the config file is relative to the config file.
  if (options.engine?.model)
    options.engine = { ...options.engine, model: resolve(dirname(file), options.engine.model) };
  return options as ServeOptions;
}

// The deepest node that exists on the path: a missing field is reported where its parent is.
function locate(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
  file: string,
  atKey: boolean,
): ConfigLocation {
  const field = formatPath(path);
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth);
    const offset =
      depth === 0 ? doc.contents?.range?.[0] : offsetOf(doc, keys, atKey && depth === path.length);
    if (offset !== undefined) {
      const pos = lines.linePos(offset);
      return { file, line: pos.line, column: pos.col, field };
    }
  }
  return { file, field };
}

// The value, or the key for an unknown field (the key is what is wrong) and for an empty value.
function offsetOf(doc: Document, keys: readonly PropertyKey[], atKey: boolean): number | undefined {
  const node = doc.getIn(keys as unknown[], true) as { range?: [number, number, number] } | undefined;
  if (node?.range && !atKey) return node.range[0];
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1) as unknown[], true);
  const last = keys[keys.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
    if (isScalar(pair?.key) && pair.key.range) return pair.key.range[0];
  }
  return node?.range?.[0];
}
