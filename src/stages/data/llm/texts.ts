/** The texts of a dataset's samples, one per line, to feed a leakage check between two files. */
import { assertLlmFormat, type LlmFormat } from './formats.js';
import { readLines } from './read-lines.js';
import { checkLine } from './samples.js';

/** Which text of a sample: what the model is given, what it should answer, or both (newline-joined). */
export type SamplePart = 'input' | 'output' | 'both';

/**
 * Yields one text per line of the file, '' for blank or invalid lines, so the n-th text is line n
 * (findLeakage ignores empty texts, and its line numbers then match the file's).
 */
export async function* readSampleTexts(
  file: string,
  format: LlmFormat,
  part: SamplePart = 'both',
): AsyncGenerator<string> {
  assertLlmFormat(format);
  for await (const { text } of readLines(file)) {
    const parts = checkLine(text, format).parts;
    if (!parts) yield '';
    else yield part === 'both' ? `${parts.input}\n${parts.output}` : parts[part];
  }
}
