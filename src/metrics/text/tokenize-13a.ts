/** sacrebleu's default `13a` tokenizer (mteval-v13a.pl), regex for regex. */
import { pySplit } from './python-compat.js';

// sacrebleu's TokenizerRegexp, in order. The first class is the ASCII punctuation ranges
// {-~ [-` space-& (-+ :-@ and /, each character spaced out.
const RULES: [RegExp, string][] = [
  [/([{-~[-` -&(-+:-@/])/g, ' $1 '],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/g, '$1 $2 '],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/g, ' $1 $2'],
  // dash when preceded by a digit
  [/([0-9])(-)/g, '$1 $2 '],
];

/** Tokenize one segment the way sacrebleu's `Tokenizer13a` does; returns the tokens. */
export function tokenize13a(line: string): string[] {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (s.includes('&')) {
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  s = ` ${s} `;
  for (const [re, replacement] of RULES) s = s.replace(re, replacement);
  return pySplit(s);
}
