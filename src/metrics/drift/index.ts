/**
 * Drift statistics between a reference and a current sample of one column. Pure maths, no I/O.
 *
 * Every function returns finite numbers or throws a RangeError naming the bad argument:
 * - empty samples, non-finite values, negative counts, bins or counts that do not line up: RangeError;
 * - a constant column (every value the same in both samples): statistic 0 and p = 1 for the tests
 *   (ks, chiSquare, zTest, andersonKSample), distance 0 for the distances, never drift;
 * - empty bins: PSI and KL replace zero shares with Evidently's 0.0001 (see smoothing.ts); Jensen-Shannon
 *   and L-infinity need no smoothing;
 * - p-values agree with scipy (ks_2samp method='auto', exact up to 10,000 values per sample;
 *   chi2_contingency without correction; anderson_ksamp, capped to [0.001, 0.25] as scipy caps it);
 * - ksTest, wassersteinFromParts, andersonFromMidrank and quantileEdges finish a statistic whose
 *   heavy part (sorting, cumulative counts) was done elsewhere, e.g. in SQL, with the same arithmetic.
 */
export { type AndersonResult, andersonFromMidrank, andersonKSample } from './anderson.js';
export {
  type BinOptions,
  binCounts,
  DEFAULT_BINS,
  quantileEdges,
  quantileRanks,
  referenceBins,
} from './bins.js';
export { alignCounts, type CategoryCounts, type CategoryValue, categoryCounts } from './categories.js';
export { type ChiSquareResult, chiSquare } from './chisquare.js';
export { type ColumnKind, chooseMethod } from './choose.js';
export { benjaminiHochberg, bonferroni } from './corrections.js';
export { type JensenShannonOptions, jensenShannon, klDivergence, lInfinity, psi } from './distances.js';
export { chiSquareSf, normalSf } from './gamma.js';
export { KS_MAX_EXACT_N, type KsResult, ks2, ksStatisticFromExtremes, ksTest } from './ks.js';
export { EMPTY_BIN_SHARE, smoothZeros } from './smoothing.js';
export {
  DEFAULT_THRESHOLDS,
  DRIFT_METHODS,
  type DriftMethod,
  type DriftResult,
  TEST_METHODS,
  type ThresholdOption,
} from './types.js';
export {
  populationStd,
  type WassersteinResult,
  wassersteinDistance,
  wassersteinFromParts,
  wassersteinNormed,
} from './wasserstein.js';
export { zTest } from './ztest.js';
