/**
 * BLEU as sacrebleu 2.x computes it: `sentence_bleu` (effective order on) and `corpus_bleu`
 * (effective order off), 13a tokenization, exp smoothing, closest reference length.
 */
import { pyRstrip, pySplit } from './python-compat.js';
import { tokenize13a } from './tokenize-13a.js';

export type BleuSmoothing = 'exp' | 'floor' | 'add-k' | 'none';

export interface BleuOptions {
  /** Default 'exp' (NIST smoothing, as mteval-v13a.pl). */
  smoothMethod?: BleuSmoothing;
  /** For 'floor' (default 0.1) and 'add-k' (default 1). */
  smoothValue?: number;
  /** Lowercase hypothesis and references first. Default false. */
  lowercase?: boolean;
  /** '13a' (default) or 'none' (split on whitespace only). */
  tokenize?: '13a' | 'none';
  /** Stop at the highest n-gram order the hypothesis has. Default true for `bleu`, false for `corpusBleu`. */
  effectiveOrder?: boolean;
  /** Default 4. */
  maxNgramOrder?: number;
}

export interface BleuResult {
  /** 0..100, like sacrebleu. */
  score: number;
  /** Modified n-gram precisions in percent, one per order (after smoothing). */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  sysLen: number;
  refLen: number;
  /** Clipped matches and hypothesis n-grams per order, before any smoothing. */
  counts: number[];
  totals: number[];
}

const SMOOTH_DEFAULTS: Record<BleuSmoothing, number> = { exp: 0, floor: 0.1, 'add-k': 1, none: 0 };

// sacrebleu's my_log: log(0) floors to a huge negative instead of -Infinity.
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

function preprocess(sent: string, opts: BleuOptions): string[] {
  const s = pyRstrip(opts.lowercase ? sent.toLowerCase() : sent);
  return opts.tokenize === 'none' ? pySplit(s) : tokenize13a(s);
}

/** Counts of every n-gram of order 1..maxOrder; tokens never hold a space, so ' ' joins safely. */
function ngramCounts(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = tokens.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

interface SegmentStats {
  hypLen: number;
  refLen: number;
  correct: number[];
  total: number[];
}

function segmentStats(
  hypothesis: string,
  references: readonly string[],
  opts: BleuOptions,
  maxOrder: number,
): SegmentStats {
  // The union of reference n-grams, each at its highest count in any one reference (the clip).
  const refNgrams = new Map<string, number>();
  const refLens: number[] = [];
  for (const ref of references) {
    const tokens = preprocess(ref, opts);
    refLens.push(tokens.length);
    for (const [ngram, count] of ngramCounts(tokens, maxOrder)) {
      if (count > (refNgrams.get(ngram) ?? 0)) refNgrams.set(ngram, count);
    }
  }
  const hyp = preprocess(hypothesis, opts);
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [ngram, count] of ngramCounts(hyp, maxOrder)) {
    const n = ngram.split(' ').length - 1;
    total[n]! += count;
    correct[n]! += Math.min(count, refNgrams.get(ngram) ?? 0);
  }
  return { hypLen: hyp.length, refLen: closestRefLen(hyp.length, refLens), correct, total };
}

// The reference length nearest the hypothesis length; on a tie, the shorter one.
function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = len;
    } else if (diff === closestDiff && len < closestLen) {
      closestLen = len;
    }
  }
  return closestLen;
}

function computeBleu(
  stats: SegmentStats,
  opts: BleuOptions,
  effectiveOrder: boolean,
  maxOrder: number,
): BleuResult {
  const method = opts.smoothMethod ?? 'exp';
  const smoothValue = opts.smoothValue ?? SMOOTH_DEFAULTS[method];
  const { hypLen: sysLen, refLen } = stats;
  const counts = [...stats.correct];
  const totals = [...stats.total];
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  const base = { bp, sysLen, refLen, counts, totals };
  // sacrebleu returns 0 outright when nothing matches at any order (its issue #141).
  if (!counts.some((c) => c > 0)) return { score: 0, precisions, ...base };

  const correct = [...counts];
  const total = [...totals];
  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (method === 'add-k' && n > 1) {
      correct[n - 1]! += smoothValue;
      total[n - 1]! += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (method === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (method === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  let logSum = 0;
  for (const p of precisions.slice(0, effOrder)) logSum += myLog(p);
  return { score: bp * Math.exp(logSum / effOrder), precisions, ...base };
}

function checkReferences(references: readonly string[]): void {
  if (references.length === 0) throw new RangeError('BLEU needs at least one reference');
}

/** Sentence BLEU, as sacrebleu's `sentence_bleu(hypothesis, references)` with its defaults. */
export function bleu(hypothesis: string, references: readonly string[], opts: BleuOptions = {}): BleuResult {
  checkReferences(references);
  const maxOrder = opts.maxNgramOrder ?? 4;
  const stats = segmentStats(hypothesis, references, opts, maxOrder);
  return computeBleu(stats, opts, opts.effectiveOrder ?? true, maxOrder);
}

/** Corpus BLEU, as sacrebleu's `corpus_bleu`; `refsPerHyp[i]` holds the references of `hyps[i]`. */
export function corpusBleu(
  hyps: readonly string[],
  refsPerHyp: readonly (readonly string[])[],
  opts: BleuOptions = {},
): BleuResult {
  if (hyps.length !== refsPerHyp.length) {
    throw new RangeError(`corpusBleu got ${hyps.length} hypotheses but ${refsPerHyp.length} reference sets`);
  }
  const maxOrder = opts.maxNgramOrder ?? 4;
  const sum: SegmentStats = {
    hypLen: 0,
    refLen: 0,
    correct: new Array<number>(maxOrder).fill(0),
    total: new Array<number>(maxOrder).fill(0),
  };
  hyps.forEach((hyp, i) => {
    const refs = refsPerHyp[i]!;
    checkReferences(refs);
    const s = segmentStats(hyp, refs, opts, maxOrder);
    sum.hypLen += s.hypLen;
    sum.refLen += s.refLen;
    for (let n = 0; n < maxOrder; n++) {
      sum.correct[n]! += s.correct[n]!;
      sum.total[n]! += s.total[n]!;
    }
  });
  return computeBleu(sum, opts, opts.effectiveOrder ?? false, maxOrder);
}
