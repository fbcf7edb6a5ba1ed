/**
 * Validation of an LLM training or evaluation set in JSONL: every line checked against its format, with
 * each problem's line, field and reason, and statistics over the valid samples. The file is streamed
 * line by line; memory holds the first problems, the length counters and the distinct-text hashes.
 */
import { z } from 'zod';
import { DatasetError } from './errors.js';
import { assertLlmFormat, type LlmFormat, type LlmProblem } from './formats.js';
import { readLines } from './read-lines.js';
import { checkLine } from './samples.js';
import { defaultLengthBins, type LlmDatasetStats, LlmStatsBuilder } from './stats.js';

export const llmValidateOptionsSchema = z.strictObject({
  /** Problems listed in the report; all are counted. */
  maxProblems: z.int().min(0).default(100),
  /** Duplicate samples listed (the first ones, with the line each repeats). */
  maxDuplicateExamples: z.int().min(0).default(20),
  /** Distinct texts remembered per kind (inputs, outputs, samples) before counts become lower bounds. */
  maxDistinct: z.int().min(1).default(5_000_000),
  /** Histogram lower edges for lengths in words and tokens: increasing, from 0. */
  bins: z
    .array(z.int().min(0))
    .min(1)
    .refine((b) => b[0] === 0 && b.every((x, i) => i === 0 || x > (b[i - 1] as number)), {
      message: 'expected increasing edges starting at 0, like [0, 8, 16, 32]',
    })
    .default(defaultLengthBins),
});

/** Validation options as a caller writes them (every field optional). */
export type LlmValidateOptions = z.input<typeof llmValidateOptionsSchema>;

/** The outcome of validating one file. */
export interface LlmValidationReport {
  file: string;
  format: LlmFormat;
  /** Lines read; samples are the non-blank ones, valid or not. */
  lines: number;
  samples: number;
  validSamples: number;
  invalidSamples: number;
  blankLines: number;
  /** True when there is no problem at all. */
  valid: boolean;
  /** The first `maxProblems` problems in line order, and how many there are in all. */
  problems: LlmProblem[];
  problemCount: number;
  stats: LlmDatasetStats;
}

/** Validates a JSONL dataset file in `format`, streaming it; throws DatasetError only if it cannot be read. */
export async function validateLlmDataset(
  file: string,
  format: LlmFormat,
  opts: LlmValidateOptions = {},
): Promise<LlmValidationReport> {
  assertLlmFormat(format);
  const o = resolveOptions(opts);
  const stats = new LlmStatsBuilder({
    bins: o.bins,
    maxDistinct: o.maxDistinct,
    maxDuplicateExamples: o.maxDuplicateExamples,
  });
  const problems: LlmProblem[] = [];
  let problemCount = 0;
  const report = (line: number, field: string, message: string) => {
    problemCount++;
    if (problems.length < o.maxProblems) problems.push({ line, field, message });
  };
  let lines = 0;
  let blankLines = 0;
  let validSamples = 0;
  for await (const { line, text } of readLines(file)) {
    lines = line;
    const checked = checkLine(text, format);
    if (checked.blank) blankLines++;
    for (const p of checked.problems) report(line, p.field, p.message);
    if (checked.parts) {
      validSamples++;
      stats.add(line, checked.parts);
    }
  }
  const samples = lines - blankLines;
  if (samples === 0) report(0, '', 'the file holds no samples');
  return {
    file,
    format,
    lines,
    samples,
    validSamples,
    invalidSamples: samples - validSamples,
    blankLines,
    valid: problemCount === 0,
    problems,
    problemCount,
    stats: stats.result(),
  };
}

function resolveOptions(opts: LlmValidateOptions): z.output<typeof llmValidateOptionsSchema> {
  const r = llmValidateOptionsSchema.safeParse(opts);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new DatasetError(`dataset validation options: ${where}${issue?.message ?? 'invalid'}`, {
    code: 'E_DATASET_OPTIONS',
    cause: r.error,
  });
}
