/**
 * Phrase lexicons matched the same way everywhere (refusal, harmful, quality, and the bias and safety
 * suites that count refusals): case-insensitive, curly quotes and apostrophes made straight, runs of
 * whitespace collapsed, and whole words only, so "ransomware" does not fire inside "ransomwared" and
 * "I won't" does not fire inside "I wonton".
 */

/** Text as the lexicons compare it. */
export function normalizeForLexicon(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u02BC\u2032\uFF07]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export interface Lexicon {
  phrases: readonly string[];
  /** Every phrase that occurs in `text`, in lexicon order. */
  find(text: string): string[];
}

/** A lexicon of phrases, each matched as whole words after normalisation. */
export function lexicon(phrases: readonly string[]): Lexicon {
  const patterns = phrases.map((p) => ({ phrase: p, re: phraseRegex(normalizeForLexicon(p).trim()) }));
  return {
    phrases,
    find(text) {
      const haystack = normalizeForLexicon(text);
      return patterns.filter(({ re }) => re.test(haystack)).map(({ phrase }) => phrase);
    },
  };
}

// A boundary only where the phrase starts or ends with a letter or digit: "as an ai," must still match
// "As an AI, I ...", and a phrase ending in punctuation needs nothing after it.
function phraseRegex(phrase: string): RegExp {
  const body = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const head = /^[\p{L}\p{N}]/u.test(phrase) ? '(?<![\\p{L}\\p{N}])' : '';
  const tail = /[\p{L}\p{N}]$/u.test(phrase) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${head}${body}${tail}`, 'u');
}

// Lexicons built from a user's list are cached by the list itself (the parsed config's array).
const cache = new WeakMap<readonly string[], Lexicon>();

/** The lexicon for a user's list, built once per list. */
export function lexiconFor(phrases: readonly string[]): Lexicon {
  let lex = cache.get(phrases);
  if (!lex) {
    lex = lexicon(phrases);
    cache.set(phrases, lex);
  }
  return lex;
}
