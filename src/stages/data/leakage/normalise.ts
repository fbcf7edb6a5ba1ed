/** The text form two lines are compared in once case, punctuation and spacing stop mattering. */

// Letters, combining marks, digits and spaces survive; \p{M} stays so "é" written as e + U+0301 is kept.
const PUNCTUATION = /[^\p{L}\p{M}\p{N}\s]/gu;
const SPACES = /\s+/gu;

/**
 * NFKC (full-width and ligature forms become plain), lowercase, punctuation removed (not replaced, so
 * "don't" and "dont" meet), runs of whitespace collapsed to one space, trimmed.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(PUNCTUATION, '').replace(SPACES, ' ').trim();
}
