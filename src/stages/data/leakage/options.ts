/** Options of a train/test leakage check; this schema holds every default, once. */
import { z } from 'zod';
import { LeakageOptionsError } from './errors.js';

export const leakageOptionsSchema = z
  .strictObject({
    /** Words per shingle; 5 is the usual choice for sentences and paragraphs. */
    shingleSize: z.int().min(1).max(64).default(5),
    /** MinHash permutations: the estimate's standard error is sqrt(J(1-J)/numPerm), 0.035 at J=0.8. */
    numPerm: z.int().min(8).max(1024).default(128),
    /** Near-duplicates are pairs whose exact shingle Jaccard similarity reaches this. */
    threshold: z.number().gt(0).max(1).default(0.8),
    /** LSH bands; rows = floor(numPerm / bands). Default: chosen from `minRecall` (see chooseBands). */
    bands: z.int().min(1).optional(),
    /** Chance that LSH offers a pair at exactly the threshold for verification, when bands are chosen. */
    minRecall: z.number().gt(0).lt(1).default(0.99),
    /** Seeds the hash functions: the same seed gives the same report. */
    seed: z.int().default(1),
    /** Examples kept per kind of leak. */
    maxExamples: z.int().min(0).default(10),
    /** Characters of each text kept for examples (train previews are what memory holds per line). */
    previewChars: z.int().min(0).default(200),
    /** Search for near-duplicates (MinHash); off leaves only the two hash checks. */
    near: z.boolean().default(true),
  })
  .refine((o) => o.bands === undefined || o.bands <= o.numPerm, {
    message: 'bands must not exceed numPerm',
    path: ['bands'],
  });

/** Options as a caller writes them (every field optional). */
export type LeakageOptions = z.input<typeof leakageOptionsSchema>;
/** Options with defaults applied. */
export type ResolvedLeakageOptions = z.output<typeof leakageOptionsSchema>;

/** Applies defaults; throws LeakageOptionsError naming the first bad field. */
export function resolveLeakageOptions(opts: LeakageOptions = {}): ResolvedLeakageOptions {
  const r = leakageOptionsSchema.safeParse(opts);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new LeakageOptionsError(`${where}${issue?.message ?? 'invalid'}`, { cause: r.error });
}
