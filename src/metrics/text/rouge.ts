/**
 * ROUGE-1, ROUGE-2 and ROUGE-L as Google's rouge-score computes them (`RougeScorer(..., use_stemmer=False)`
 * by default), with its tokenizer and, optionally, its Porter stemming.
 */
import { porterStem } from './porter.js';

export type RougeVariant = 'rouge1' | 'rouge2' | 'rougeL';

export interface RougeOptions {
  /** Porter-stem tokens longer than 3 characters, as rouge-score's `use_stemmer=True`. Default false. */
  stemmer?: boolean;
}

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

const NON_ALNUM = /[^a-z0-9]+/;

/** rouge-score's default tokenizer: lowercase, anything but [a-z0-9] separates, optional stemming. */
export function rougeTokenize(text: string, stemmer = false): string[] {
  const tokens = text
    .toLowerCase()
    .split(NON_ALNUM)
    .filter((t) => t.length > 0);
  // rouge-score stems only tokens longer than 3 characters.
  return stemmer ? tokens.map((t) => (t.length > 3 ? porterStem(t) : t)) : tokens;
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(target: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const t = ngramCounts(target, n);
  const p = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [ngram, count] of t) overlap += Math.min(count, p.get(ngram) ?? 0);
  let tCount = 0;
  for (const c of t.values()) tCount += c;
  let pCount = 0;
  for (const c of p.values()) pCount += c;
  const precision = overlap / Math.max(pCount, 1);
  const recall = overlap / Math.max(tCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Length of the longest common subsequence, one DP row at a time. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsLength(target, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function scoreOne(
  prediction: readonly string[],
  target: readonly string[],
  variant: RougeVariant,
): RougeScore {
  if (variant === 'rougeL') return scoreLcs(target, prediction);
  return scoreNgrams(target, prediction, variant === 'rouge1' ? 1 : 2);
}

/**
 * ROUGE of `hypothesis` against `reference`; with several references, the one with the highest
 * F-measure (the first on a tie), as rouge-score's `score_multi`.
 */
export function rouge(
  hypothesis: string,
  reference: string | readonly string[],
  variant: RougeVariant,
  opts: RougeOptions = {},
): RougeScore {
  const refs = typeof reference === 'string' ? [reference] : reference;
  if (refs.length === 0) throw new RangeError('ROUGE needs at least one reference');
  const prediction = rougeTokenize(hypothesis, opts.stemmer);
  let best: RougeScore | undefined;
  for (const ref of refs) {
    const s = scoreOne(prediction, rougeTokenize(ref, opts.stemmer), variant);
    if (best === undefined || s.fmeasure > best.fmeasure) best = s;
  }
  return best!;
}
