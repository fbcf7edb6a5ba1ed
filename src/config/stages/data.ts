/**
 * Options of the `data` stage: checks of training and eval data that need no target. Each section is a
 * list, so one stage can check several files: `tables` (Great Expectations-style expectations, PII, a
 * profile), `datasets` (LLM JSONL formats line by line), `leakage` (train/test overlap), `drift`
 * (reference vs current) and `fairness` (model quality, group fairness and calibration from predictions).
 * Paths are relative to the suite file.
 */
import { z } from 'zod';
import { selectable } from '../primitives.js';
import { expectationListSchema } from './data-expectations.js';

/**
 * `chat`: OpenAI fine-tuning messages; `instruction`: Alpaca's instruction/input/output; `preference`:
 * DPO's prompt/chosen/rejected; `completion`: prompt/completion; `pairs`: input/output records.
 */
export const llmFormats = ['chat', 'instruction', 'preference', 'completion', 'pairs'] as const;

export const piiKinds = ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ipv4', 'ipv6', 'api_key'] as const;

export const driftMethods = [
  'ks',
  'chisquare',
  'z',
  'wasserstein',
  'jensenshannon',
  'psi',
  'kl',
  'linf',
  'anderson',
] as const;

const share = z.number().min(0).max(1);
const columnList = z.array(z.string().min(1)).min(1);

const tableCheck = z
  .strictObject({
    path: z.string().min(1),
    /** How the table is called in check ids and metric tags; default the file name. */
    name: z.string().min(1).optional(),
    /** Expectations written in the suite (Great Expectations names and kwargs). */
    expect: expectationListSchema.optional(),
    /** A Great Expectations suite JSON file (`{"expectations": [...]}`), relative to the suite file. */
    expectations: z.string().min(1).optional(),
    /** Scan text columns for PII; `true` means every kind in every text column with none allowed. */
    pii: z
      .union([
        z.boolean(),
        z.strictObject({
          columns: columnList.optional(),
          kinds: z.array(z.enum(piiKinds)).min(1).optional(),
          /** Matches allowed before the check fails. */
          max: z.int().min(0).default(0),
        }),
      ])
      .optional(),
    /** Store a per-column profile (types, nulls, distinct, quantiles, histograms, top values) as a table. */
    profile: z.boolean().default(false),
    ...selectable,
  })
  .refine((t) => t.expect || t.expectations || t.pii || t.profile, {
    message:
      'a table needs something to check: `expect`, `expectations` (a GE suite file), `pii` or `profile`',
  });

const datasetCheck = z.strictObject({
  path: z.string().min(1),
  name: z.string().min(1).optional(),
  format: z.enum(llmFormats),
  /** Share of samples allowed to be invalid. Default 0: every line must be a valid sample. */
  maxInvalidRate: share.default(0),
  /** Share of samples allowed to repeat an earlier one. Default 1 (not checked). */
  maxDuplicateRate: share.default(1),
  /** Fewest valid samples. */
  minSamples: z.int().min(0).default(1),
  ...selectable,
});

const leakageCheck = z.strictObject({
  train: z.string().min(1),
  test: z.string().min(1),
  name: z.string().min(1).optional(),
  format: z.enum(llmFormats),
  /** Which text of a sample is compared. */
  part: z.enum(['input', 'output', 'both']).default('input'),
  /** Near-duplicates: word-shingle Jaccard similarity from which a test sample counts as leaked. */
  threshold: z.number().gt(0).max(1).default(0.8),
  /** Share of test samples allowed to leak. */
  maxRate: share.default(0),
  ...selectable,
});

const driftCheck = z.strictObject({
  reference: z.string().min(1),
  current: z.string().min(1),
  name: z.string().min(1).optional(),
  columns: columnList.optional(),
  /** Share of drifted columns from which the dataset drifts (Evidently's default). */
  share: share.default(0.5),
  correction: z.enum(['none', 'bonferroni', 'bh']).default('none'),
  /** One method for every column, instead of the automatic choice by type and size. */
  method: z.enum(driftMethods).optional(),
  /** A method per column. */
  methods: z.record(z.string(), z.enum(driftMethods)).optional(),
  /** Per-method thresholds: p-value below which tests drift, distance above which distances drift. */
  thresholds: z
    .partialRecord(z.enum(driftMethods), z.number().positive())
    .superRefine((t, ctx) => {
      for (const m of ['ks', 'chisquare', 'z', 'anderson'] as const) {
        const v = t[m];
        if (v !== undefined && v >= 1)
          ctx.addIssue({
            code: 'custom',
            path: [m],
            message: `${m} is a test: its threshold is a p-value below 1 (like 0.05), got ${v}`,
          });
      }
    })
    .optional(),
  /** Quantile bins from the reference for PSI and KL on numeric columns. */
  bins: z.int().min(2).max(1000).optional(),
  ...selectable,
});

const fairnessCheck = z
  .strictObject({
    predictions: z.string().min(1),
    name: z.string().min(1).optional(),
    /** Classification: quality, group fairness and calibration; regression: MSE, MAE and R² per group. */
    task: z.enum(['classification', 'regression']).default('classification'),
    yTrue: z.string().min(1),
    yPred: z.string().min(1),
    yScore: z.string().min(1).optional(),
    /** The sensitive attribute (or any slice column); required for classification. */
    group: z.string().min(1).optional(),
    privileged: z.union([z.string(), z.number()]).optional(),
    posLabel: z.union([z.string(), z.number()]).optional(),
    /** Largest demographic parity difference allowed. */
    maxDpDifference: share.default(0.1),
    /** Smallest disparate impact allowed (the 80% rule). */
    minDisparateImpact: share.default(0.8),
    ...selectable,
  })
  .refine((f) => f.task === 'regression' || f.group, {
    message: 'a classification fairness check needs `group` (the column whose groups are compared)',
    path: ['group'],
  });

export const dataStageOptions = {
  tables: z.array(tableCheck).default([]),
  datasets: z.array(datasetCheck).default([]),
  leakage: z.array(leakageCheck).default([]),
  drift: z.array(driftCheck).default([]),
  fairness: z.array(fairnessCheck).default([]),
};

export type DataTableCheck = z.output<typeof tableCheck>;
export type DataDatasetCheck = z.output<typeof datasetCheck>;
export type DataLeakageCheck = z.output<typeof leakageCheck>;
export type DataDriftCheck = z.output<typeof driftCheck>;
export type DataFairnessCheck = z.output<typeof fairnessCheck>;
