/** The LLM dataset formats Gauntlet validates and generates, and what a problem in one looks like. */

import { llmFormats } from '../../../config/stages/data.js';
import { DatasetError } from './errors.js';

// The list lives with the suite schema (config may not import stages); see its comment for each format.
export { llmFormats };
export type LlmFormat = (typeof llmFormats)[number];

/** True when `value` names a supported format. */
export function isLlmFormat(value: string): value is LlmFormat {
  return (llmFormats as readonly string[]).includes(value);
}

/** Throws a DatasetError (exit 2) listing the formats unless `value` is one. */
export function assertLlmFormat(value: string): asserts value is LlmFormat {
  if (!isLlmFormat(value)) {
    throw new DatasetError(`unknown dataset format "${value}"; use one of ${llmFormats.join(', ')}`, {
      code: 'E_DATASET_OPTIONS',
    });
  }
}

/** A problem in one field of one sample. */
export interface FieldProblem {
  /** The path inside the sample, like `messages[2].role`; '' for the line as a whole. */
  field: string;
  message: string;
}

/** A problem on one line of a dataset file. */
export interface LlmProblem extends FieldProblem {
  /** 1-based line number; 0 for the file as a whole (it holds no samples). */
  line: number;
}

/** The texts a sample gives its model (input) and expects back (output), for statistics. */
export interface SampleParts {
  input: string;
  output: string;
}
