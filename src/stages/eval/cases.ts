/**
 * Eval cases from the suite or from files: JSONL (one case per line), YAML (a list), CSV (columns are vars;
 * promptfoo's `__expected`, `__description` and `__tags` columns carry over). Read lazily where the format
 * allows, so 100k cases do not sit in memory twice; every error names the file and line.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { caseSchema, type EvalCase } from '../../config/stages/eval.js';
import { assertionTypes } from '../../config/stages/eval-assertions.js';
import { GauntletError } from '../../errors.js';

/** A bad case file: exit 2, with the place. */
export class CaseFileError extends GauntletError {
  constructor(where: string, message: string, options: { cause?: unknown } = {}) {
    super('E_EVAL_CASES', `${where}: ${message}`, { ...options, exitCode: 2 });
  }
}

function validate(raw: unknown, where: string): EvalCase {
  const r = caseSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0] as z.core.$ZodIssue;
  throw new CaseFileError(where, `${issue.path.join('.') || 'case'}: ${issue.message}`);
}

/** Yields the cases of a file, validated, in order. */
export async function* readCaseFile(file: string, baseDir: string): AsyncGenerator<EvalCase> {
  const full = path.resolve(baseDir, file);
  const ext = path.extname(full).toLowerCase();
  let count = 0;
  try {
    if (ext === '.jsonl' || ext === '.ndjson') {
      const lines = createInterface({
        input: createReadStream(full, 'utf8'),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch (cause) {
          throw new CaseFileError(`${file}:${n}`, `not valid JSON (${(cause as Error).message})`);
        }
        count++;
        yield validate(raw, `${file}:${n}`);
      }
    } else if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
      const data =
        ext === '.json' ? JSON.parse(await readFile(full, 'utf8')) : parseYaml(await readFile(full, 'utf8'));
      const list = Array.isArray(data) ? data : (data as { cases?: unknown })?.cases;
      if (!Array.isArray(list))
        throw new CaseFileError(file, 'expected a list of cases (or a `cases:` list)');
      for (const [i, raw] of list.entries()) {
        count++;
        yield validate(raw, `${file}[${i}]`);
      }
    } else if (ext === '.csv' || ext === '.tsv') {
      const parser = createReadStream(full).pipe(
        parseCsv({
          columns: true,
          skip_empty_lines: true,
          bom: true,
          delimiter: ext === '.tsv' ? '\t' : ',',
        }),
      );
      for await (const row of parser as AsyncIterable<Record<string, string>>) {
        count++;
        yield validate(csvRowToCase(row, `${file}:${count + 1}`), `${file}:${count + 1}`);
      }
    } else {
      throw new CaseFileError(file, `unknown case file type "${ext}"; use .jsonl, .yaml, .json or .csv`);
    }
  } catch (err) {
    if (err instanceof GauntletError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CaseFileError(file, `no such file (looked in ${path.dirname(full)})`, { cause: err });
    throw new CaseFileError(file, (err as Error).message, { cause: err });
  }
  if (count === 0) throw new CaseFileError(file, 'the file holds no cases');
}

/** A CSV row: plain columns are vars; `__expected[N]` holds `type:value` (or a plain value: equals). */
function csvRowToCase(row: Record<string, string>, where: string): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  const assert: Record<string, unknown>[] = [];
  let description: string | undefined;
  let tags: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (/^__expected\d*$/.test(key)) {
      if (value.trim() !== '') assert.push(parseExpected(value, where));
    } else if (key === '__description') description = value;
    else if (key === '__tags')
      tags = value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    else vars[key] = value;
  }
  return { vars, assert, tags, ...(description ? { description } : {}) };
}

/** `icontains: paris` → {type: icontains, value: paris}; a value with no known type prefix means equals. */
function parseExpected(text: string, where: string): Record<string, unknown> {
  const m = /^(not-)?([a-z-]+):\s*(.*)$/s.exec(text.trim());
  if (m && (assertionTypes as readonly string[]).includes(m[2] as string)) {
    const type = `${m[1] ?? ''}${m[2]}`;
    const value = m[3] as string;
    if (type.endsWith('contains-any') || type.endsWith('contains-all'))
      return { type, value: value.split(',').map((v) => v.trim()) };
    if (/^(not-)?(is-json|coherence|refusal|harmful|pii|quality)$/.test(type)) return { type };
    return { type, value };
  }
  if (
    m &&
    !(assertionTypes as readonly string[]).includes(m[2] as string) &&
    /^[a-z-]+$/.test(m[2] as string) &&
    m[2]?.includes('-')
  ) {
    throw new CaseFileError(where, `__expected names an unknown assertion "${m[2]}"`);
  }
  return { type: 'equals', value: text };
}
