/**
 * Flesch reading ease and Flesch-Kincaid grade with textstat's counting rules (the 0.7.x pyphen line,
 * unrounded): words are what is left after dropping everything but Unicode word characters and
 * whitespace; sentences are `\b[^.!?]+[.!?]*` runs, ignoring runs of two words or fewer; syllables come
 * from ./syllables.ts, an estimate of pyphen's count. Words and sentences match textstat exactly; the
 * syllable estimate is what makes the scores approximate (the tolerance is in the tests).
 */
import { codePoints, isPyWordChar, pySplit, removePunctuation } from './python-compat.js';
import { countSyllables } from './syllables.js';

export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

/** textstat's `lexicon_count`: whitespace-separated words after punctuation is removed. */
export function lexiconCount(text: string): number {
  return pySplit(removePunctuation(text)).length;
}

/** The runs textstat's `re.findall(r'\b[^.!?]+[.!?]*', text)` finds, with Python's Unicode `\b`. */
function sentenceRuns(text: string): string[] {
  const cps = codePoints(text);
  const isWord = cps.map(isPyWordChar);
  const isStop = (ch: string) => ch === '.' || ch === '!' || ch === '?';
  const runs: string[] = [];
  let i = 0;
  while (i < cps.length) {
    const boundary = (i > 0 && isWord[i - 1]) !== isWord[i];
    if (!boundary || isStop(cps[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < cps.length && !isStop(cps[j]!)) j++;
    while (j < cps.length && isStop(cps[j]!)) j++;
    runs.push(cps.slice(i, j).join(''));
    i = j;
  }
  return runs;
}

/** textstat's `sentence_count`: at least 1, fragments of two words or fewer not counted. */
export function sentenceCount(text: string): number {
  const runs = sentenceRuns(text);
  const ignored = runs.filter((run) => lexiconCount(run) <= 2).length;
  return Math.max(1, runs.length - ignored);
}

/** Estimated syllables, word by word over textstat's lowercased, punctuation-free words. */
export function syllableCount(text: string): number {
  let total = 0;
  for (const word of pySplit(removePunctuation(text.toLowerCase()))) total += countSyllables(word);
  return total;
}

/** Words, sentences and syllables as the Flesch formulas see them. */
export function textCounts(text: string): TextCounts {
  return { words: lexiconCount(text), sentences: sentenceCount(text), syllables: syllableCount(text) };
}

/**
 * Flesch reading ease, 206.835 - 1.015 (words/sentence) - 84.6 (syllables/word); higher is easier.
 * NaN for text without words, where textstat's 206.835 means nothing.
 */
export function fleschReadingEase(text: string): number {
  const { words, sentences, syllables } = textCounts(text);
  if (words === 0) return Number.NaN;
  return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
}

/** Flesch-Kincaid grade, 0.39 (words/sentence) + 11.8 (syllables/word) - 15.59; NaN without words. */
export function fleschKincaidGrade(text: string): number {
  const { words, sentences, syllables } = textCounts(text);
  if (words === 0) return Number.NaN;
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}
