/**
 * Python string semantics the reference implementations rely on, so the metrics split, strip and
 * match words exactly as sacrebleu, rouge-score and textstat do.
 */

// Python's str.isspace() set. JavaScript's \s differs: it adds U+FEFF and lacks U+001C-U+001F and U+0085.
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPLIT_RE = new RegExp(`[${PY_SPACE}]+`, 'u');
const TRAILING_RE = new RegExp(`[${PY_SPACE}]+$`, 'u');
// Python's \w for str patterns is isalnum() or '_'; combining marks (Mn, Mc) are not word characters.
const WORD_CHAR_RE = /[\p{L}\p{N}_]/u;
const NOT_WORD_OR_SPACE_RE = new RegExp(`[^\\p{L}\\p{N}_${PY_SPACE}]`, 'gu');

/** `s.split()` in Python: split on runs of Unicode whitespace, dropping empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(SPLIT_RE).filter((piece) => piece.length > 0);
}

/** `s.rstrip()` in Python. */
export function pyRstrip(s: string): string {
  return s.replace(TRAILING_RE, '');
}

/** True when the one-code-point string `ch` matches Python's Unicode `\w`. */
export function isPyWordChar(ch: string): boolean {
  return WORD_CHAR_RE.test(ch);
}

/** `re.sub(r"[^\w\s]", "", s)` in Python: drop everything but word characters and whitespace. */
export function removePunctuation(s: string): string {
  return s.replace(NOT_WORD_OR_SPACE_RE, '');
}

/** The string as an array of code points, which is how Python indexes and slices it. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}
