/** Text metrics: similarity to references, readability, repetition and length. Pure maths, no I/O. */
export { type BleuOptions, type BleuResult, type BleuSmoothing, bleu, corpusBleu } from './bleu.js';
export { type ChrfOptions, chrf } from './chrf.js';
export {
  coherenceScore,
  distinctSentenceRatio,
  normaliseSentence,
  repeatedNgramRatio,
  sentences,
  words,
} from './coherence.js';
export { charCount, estimateTokens, wordCount } from './counts.js';
export { levenshteinSimilarity } from './levenshtein.js';
export { porterStem } from './porter.js';
export {
  fleschKincaidGrade,
  fleschReadingEase,
  lexiconCount,
  sentenceCount,
  syllableCount,
  type TextCounts,
  textCounts,
} from './readability.js';
export { type RougeOptions, type RougeScore, type RougeVariant, rouge, rougeTokenize } from './rouge.js';
export { countSyllables } from './syllables.js';
export { tokenize13a } from './tokenize-13a.js';
