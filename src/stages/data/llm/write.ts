/** Writes a generated dataset to a JSONL file, streaming, so any size is written in constant memory. */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { DatasetError } from './errors.js';
import { type LlmGenerateOptions, llmDatasetLines } from './generate.js';

/** Writes `opts.n` generated samples to `file` (replacing it); returns the lines and bytes written. */
export async function writeLlmDataset(
  file: string,
  opts: LlmGenerateOptions,
): Promise<{ file: string; lines: number; bytes: number }> {
  const lines = llmDatasetLines(opts);
  const out = createWriteStream(file, { encoding: 'utf8' });
  let failed = false;
  let wake: (() => void) | undefined;
  // One listener for the whole write; an error also wakes a wait for 'drain', which would never come.
  out.on('error', () => {
    failed = true;
    wake?.();
  });
  let count = 0;
  try {
    for (const line of lines) {
      if (failed) break;
      count++;
      // Respect backpressure: without it a large set would pile up in the stream's buffer.
      if (!out.write(`${line}\n`)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          out.once('drain', resolve);
        });
      }
    }
    out.end();
    await finished(out);
  } catch (err) {
    out.destroy();
    throw new DatasetError(`${file}: cannot write the dataset (${(err as Error).message})`, { cause: err });
  }
  return { file, lines: count, bytes: out.bytesWritten };
}
