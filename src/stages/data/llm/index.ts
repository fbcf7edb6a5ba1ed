/**
 * LLM datasets: JSONL validation for chat, instruction, preference, completion and input/output pairs,
 * with per-line problems and streaming statistics; seeded synthetic generation of the same formats.
 */
export { DatasetError } from './errors.js';
export {
  assertLlmFormat,
  type FieldProblem,
  isLlmFormat,
  type LlmFormat,
  type LlmProblem,
  llmFormats,
  type SampleParts,
} from './formats.js';
export {
  generateLlmDataset,
  type LlmGenerateOptions,
  llmDatasetLines,
  llmGenerateOptionsSchema,
} from './generate.js';
export { type NumberedLine, readLines } from './read-lines.js';
export { type CheckedLine, checkLine } from './samples.js';
export {
  type DuplicateSample,
  defaultLengthBins,
  type LengthBin,
  type LengthDistribution,
  type LlmDatasetStats,
} from './stats.js';
export { readSampleTexts, type SamplePart } from './texts.js';
export {
  type LlmValidateOptions,
  type LlmValidationReport,
  llmValidateOptionsSchema,
  validateLlmDataset,
} from './validate.js';
export { writeLlmDataset } from './write.js';
