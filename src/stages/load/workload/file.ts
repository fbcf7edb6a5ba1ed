/**
 * The `file` workload: a JSONL file read line by line (datasets such as ShareGPT run to hundreds of MB, so
 * never as one string), each row checked on the way so the first bad one is reported as file:line.
 */
import { createReadStream } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WorkloadError } from './errors.js';
import { parseRow, type Row, RowProblem } from './rows.js';

/** A row and the line it came from (1-based), for messages. */
export interface FileRow extends Row {
  line: number;
}

/** Reads and checks every row of `path` (relative to `baseDir`); throws WorkloadError naming file:line. */
export async function readRows(path: string, baseDir: string): Promise<FileRow[]> {
  const file = isAbsolute(path) ? path : resolve(baseDir, path);
  const rows: FileRow[] = [];
  let line = 0;
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue; // a trailing newline or a blank separator is not a row
      rows.push({ ...parseLine(text, `${file}:${line}`), line });
    }
  } catch (cause) {
    if (cause instanceof WorkloadError) throw cause;
    throw new WorkloadError(`workload file ${file} cannot be read (${codeOf(cause)}); check workload.path.`, {
      cause,
    });
  }
  if (rows.length === 0) {
    throw new WorkloadError(
      `workload file ${file} has no rows; write one JSON object per line, e.g. {"prompt": "Hello"}.`,
    );
  }
  return rows;
}

function parseLine(text: string, where: string): Row {
  let json: unknown;
  try {
    // A UTF-8 byte-order mark on the first line is an editor's habit, not a JSON error.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (cause) {
    throw new WorkloadError(`${where}: not valid JSON (${(cause as Error).message}).`, { cause });
  }
  try {
    return parseRow(json);
  } catch (err) {
    if (err instanceof RowProblem) throw new WorkloadError(`${where}: ${err.message}.`);
    throw err;
  }
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(err);
}
