/**
 * The simulated engine's tokenizer. It is deliberately simple so a client can reproduce every count:
 * a token is a word (letters), a number (digits) or a run of punctuation, and the whitespace before it
 * belongs to it. Joining the tokens gives back the text exactly, and any prefix of the tokens
 * re-tokenizes to itself, so truncating by tokens never changes the count a client computes.
 */

// Leading whitespace is attached to the token after it; whitespace at the very end is a token alone.
const TOKEN = /\s*(?:[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]+)|\s+/gu;

/** Splits text into tokens; `tokenize(t).join('') === t` for every string. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Number of tokens in `text`, as the server counts them for `usage`. */
export function countTokens(text: string): number {
  if (text === '') return 0;
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text) !== null) n++;
  return n;
}
