/**
 * Train/test leakage: exact and normalised duplicates by 64-bit hashes, near-duplicates by MinHash over
 * word shingles with LSH banding, each counted with examples. Seeded and deterministic.
 */
export { LeakageOptionsError } from './errors.js';
export {
  findLeakage,
  type LeakageExample,
  type LeakageKind,
  type LeakageReport,
  type TextSource,
} from './find.js';
export { fmix32, hash32, hash64 } from './hash.js';
export { Hash64Table } from './hash-table.js';
export { chooseBands, LshIndex } from './lsh.js';
export { createMinHasher, estimateJaccard, jaccard, type MinHasher } from './minhash.js';
export { normaliseText } from './normalise.js';
export {
  type LeakageOptions,
  leakageOptionsSchema,
  type ResolvedLeakageOptions,
  resolveLeakageOptions,
} from './options.js';
