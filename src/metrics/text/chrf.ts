/** chrF (and chrF++ with `wordOrder: 2`) as sacrebleu 2.x's `sentence_chrf` computes it. */
import { codePoints, pySplit } from './python-compat.js';

export interface ChrfOptions {
  /** Character n-gram order. Default 6. */
  charOrder?: number;
  /** Word n-gram order; 2 gives chrF++. Default 0. */
  wordOrder?: number;
  /** Weight of recall against precision. Default 2. */
  beta?: number;
  /** Default false. */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams. Default false (sacrebleu removes it). */
  whitespace?: boolean;
  /** chrF++.py-style epsilon smoothing instead of sacrebleu's effective order. Default false. */
  epsSmoothing?: boolean;
}

const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const EPS = 1e-16;

type Counts = Map<string, number>;

function count(items: Iterable<string>): Counts {
  const counts: Counts = new Map();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

// Runs of n items joined by `sep`: code points with '' (Python slices a str by code point), words with ' '.
function* ngrams(items: readonly string[], n: number, sep: string): Generator<string> {
  for (let i = 0; i + n <= items.length; i++) yield items.slice(i, i + n).join(sep);
}

// sacrebleu's chrF+ word splitter: one trailing (or else one leading) ASCII punctuation mark is its own word.
function splitPunctuation(sent: string): string[] {
  const words: string[] = [];
  for (const w of pySplit(sent)) {
    const cps = codePoints(w);
    if (cps.length === 1) words.push(w);
    else if (PUNCTS.has(cps[cps.length - 1]!)) words.push(cps.slice(0, -1).join(''), cps[cps.length - 1]!);
    else if (PUNCTS.has(cps[0]!)) words.push(cps[0]!, cps.slice(1).join(''));
    else words.push(w);
  }
  return words;
}

function allNgrams(sent: string, o: Required<ChrfOptions>): Counts[] {
  const chars = codePoints(o.whitespace ? sent : pySplit(sent).join(''));
  const orders: Counts[] = [];
  for (let n = 1; n <= o.charOrder; n++) orders.push(count(ngrams(chars, n, '')));
  if (o.wordOrder > 0) {
    const words = splitPunctuation(sent);
    for (let n = 1; n <= o.wordOrder; n++) orders.push(count(ngrams(words, n, ' ')));
  }
  return orders;
}

/** [hyp, ref, match] counts per order, flattened, as sacrebleu's `_get_match_statistics`. */
function matchStats(hyp: readonly Counts[], ref: readonly Counts[]): number[] {
  const stats: number[] = [];
  hyp.forEach((h, i) => {
    const r = ref[i]!;
    let hypCount = 0;
    let matchCount = 0;
    for (const [ngram, c] of h) {
      hypCount += c;
      const rc = r.get(ngram);
      if (rc !== undefined) matchCount += Math.min(c, rc);
    }
    let refCount = 0;
    for (const c of r.values()) refCount += c;
    // sacrebleu counts no hypothesis n-grams for an order the reference has none of.
    stats.push(r.size > 0 ? hypCount : 0, refCount, matchCount);
  });
  return stats;
}

function fScore(stats: readonly number[], o: Required<ChrfOptions>): number {
  const factor = o.beta ** 2;
  const order = o.charOrder + o.wordOrder;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const prec = nHyp > 0 ? nMatch / nHyp : EPS;
    const rec = nRef > 0 ? nMatch / nRef : EPS;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : EPS;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (o.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = 0;
    avgRec = 0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec === 0) return 0;
  // Same operation order as sacrebleu, so the last bit agrees.
  return 100 * (((1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec));
}

/** Sentence chrF in 0..100 against the best-scoring of `references`, as sacrebleu's `sentence_chrf`. */
export function chrf(hypothesis: string, references: readonly string[], opts: ChrfOptions = {}): number {
  if (references.length === 0) throw new RangeError('chrF needs at least one reference');
  const o: Required<ChrfOptions> = {
    charOrder: opts.charOrder ?? 6,
    wordOrder: opts.wordOrder ?? 0,
    beta: opts.beta ?? 2,
    lowercase: opts.lowercase ?? false,
    whitespace: opts.whitespace ?? false,
    epsSmoothing: opts.epsSmoothing ?? false,
  };
  const prep = (s: string) => (o.lowercase ? s.toLowerCase() : s);
  const hyp = allNgrams(prep(hypothesis), o);
  let best = -1;
  for (const ref of references) {
    const f = fScore(matchStats(hyp, allNgrams(prep(ref), o)), o);
    if (f > best) best = f;
  }
  return best;
}
