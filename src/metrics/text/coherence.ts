/**
 * Repetition and coherence: how much of a text says the same thing again. Model output that loops
 * ("The product is great. The product is great.") scores low; ordinary prose scores near 1.
 */
import { pySplit } from './python-compat.js';

// Titles and Latin abbreviations whose period does not end a sentence.
const ABBREVIATIONS = new Set(
  [
    'mr mrs ms dr prof sr jr st mt vs etc e.g i.e cf al fig inc ltd co jan feb mar',
    'apr jun jul aug sep sept oct nov dec a.m p.m u.s u.k approx dept est gen gov lt col sgt rev',
  ]
    .join(' ')
    .split(' '),
);

// A sentence ends at . ! ? or … (closing quotes and brackets may follow) before whitespace or the end.
const TERMINATOR = /[.!?\u2026]+["'\u201d\u2019)\]]*(?=\s|$)/gu;

function endsWithAbbreviation(chunk: string): boolean {
  const lastWord = chunk.trimEnd().split(/\s+/).pop() ?? '';
  const bare = lastWord
    .replace(/^["'\u201c\u2018([]+/u, '')
    .replace(/\.$/, '')
    .toLowerCase();
  // A single capital letter and a period is an initial ("J. Smith").
  return ABBREVIATIONS.has(bare) || /^\p{Lu}$/u.test(lastWord.replace(/\.$/, ''));
}

/** Split text into sentences at terminal punctuation and line breaks, keeping "Dr." and "e.g." whole. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  // Lines first: model output often has list items and headings with no final period.
  for (const line of text.split(/\r?\n|\u2028|\u2029/u)) {
    let start = 0;
    let pending = '';
    for (const m of line.matchAll(TERMINATOR)) {
      const end = m.index + m[0].length;
      const chunk = pending + line.slice(start, end);
      start = end;
      // "Dr." and "e.g." do not end a sentence, nor does the "1." or "a." that numbers a list item.
      const listMarker = /^\(?(?:\d+|[a-z])\.$/i.test(chunk.trim());
      if (m[0].startsWith('.') && m[0].length === 1 && (listMarker || endsWithAbbreviation(chunk))) {
        pending = chunk;
        continue;
      }
      pending = '';
      if (chunk.trim()) out.push(chunk.trim());
    }
    const rest = (pending + line.slice(start)).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/** Lowercase, letters and digits only, single spaces: two sentences that differ only in that are equal. */
export function normaliseSentence(sentence: string): string {
  return pySplit(
    sentence
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, ' '),
  ).join(' ');
}

/** Distinct normalised sentences over all sentences; 1 when there are none (nothing repeats). */
export function distinctSentenceRatio(text: string): number {
  const all = sentences(text)
    .map(normaliseSentence)
    .filter((s) => s.length > 0);
  if (all.length === 0) return 1;
  return new Set(all).size / all.length;
}

/** Lowercase words: runs of letters, digits and inner apostrophes. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Share of the word n-grams that repeat an earlier n-gram; 0 when the text has no n-gram. */
export function repeatedNgramRatio(text: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n-gram size must be a positive integer, got ${n}`);
  const w = words(text);
  const total = w.length - n + 1;
  if (total <= 0) return 0;
  const seen = new Set<string>();
  let repeated = 0;
  for (let i = 0; i < total; i++) {
    const gram = w.slice(i, i + n).join(' ');
    if (seen.has(gram)) repeated++;
    else seen.add(gram);
  }
  return repeated / total;
}

/**
 * Coherence in [0, 1]: sqrt(distinctSentenceRatio × (1 − repeatedNgramRatio(n))). 1 for text that repeats
 * no sentence and no n-gram, 0 for empty text. The geometric mean keeps a repeated sentence (which also
 * repeats its n-grams) from being punished twice over, while either signal at 0 still gives 0.
 */
export function coherenceScore(text: string, n = 3): number {
  if (words(text).length === 0) return 0;
  return Math.sqrt(distinctSentenceRatio(text) * (1 - repeatedNgramRatio(text, n)));
}
