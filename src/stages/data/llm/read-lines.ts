/** Lines of a text file, one at a time, so a dataset of any size is read in constant memory. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DatasetError } from './errors.js';

/** One line of a file with its 1-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Yields the file's lines (LF or CRLF, a leading BOM dropped); a missing or unreadable file is a DatasetError. */
export async function* readLines(file: string): AsyncGenerator<NumberedLine> {
  await assertFile(file);
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      // Editors on Windows write a BOM; JSON.parse would call line 1 invalid for it.
      yield { line, text: line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    }
  } catch (err) {
    throw new DatasetError(`${file}: could not read after line ${line} (${(err as Error).message})`, {
      cause: err,
    });
  } finally {
    lines.close();
    input.destroy();
  }
}

async function assertFile(file: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : `cannot read it (${(err as Error).message})`;
    throw new DatasetError(`${file}: ${why}`, { cause: err });
  }
  if (info.isDirectory()) throw new DatasetError(`${file}: is a directory; expected a JSONL file`);
}
