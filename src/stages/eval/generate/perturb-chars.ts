/**
 * Character-level perturbations: the noise real users type (typos, swapped letters, case, punctuation,
 * spacing) and Unicode look-alikes that a filter or tokenizer may trip on. Each returns undefined when
 * the text offers nothing to perturb, so the case is counted as skipped rather than sent unchanged.
 */
import { pick, type Rng, randomInt, sample } from './random.js';

// QWERTY neighbours: a slip of the finger lands on an adjacent key, not anywhere on the board.
const KEYBOARD: Record<string, string> = {
  q: 'wa',
  w: 'qeas',
  e: 'wrsd',
  r: 'etdf',
  t: 'ryfg',
  y: 'tugh',
  u: 'yihj',
  i: 'uojk',
  o: 'ipkl',
  p: 'ol',
  a: 'qwsz',
  s: 'awedxz',
  d: 'serfcx',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};

// Latin letters and their Cyrillic or Greek twins, which render alike in most fonts.
const CONFUSABLES: Record<string, string> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  i: '\u0456',
  j: '\u0458',
  o: '\u043e',
  p: '\u0440',
  s: '\u0455',
  x: '\u0445',
  y: '\u0443',
  A: '\u0391',
  B: '\u0392',
  C: '\u0421',
  E: '\u0395',
  H: '\u0397',
  I: '\u0399',
  K: '\u039a',
  M: '\u039c',
  N: '\u039d',
  O: '\u039f',
  P: '\u03a1',
  T: '\u03a4',
  X: '\u03a7',
  Y: '\u03a5',
};

function positions(text: string, test: (ch: string, i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (test(text[i] as string, i)) out.push(i);
  return out;
}

function replaceAt(text: string, i: number, ch: string): string {
  return text.slice(0, i) + ch + text.slice(i + 1);
}

/** One letter replaced by a keyboard neighbour, case kept. */
export function typo(text: string, rng: Rng): string | undefined {
  const at = positions(text, (ch) => KEYBOARD[ch.toLowerCase()] !== undefined);
  if (at.length === 0) return undefined;
  const i = pick(rng, at);
  const ch = text[i] as string;
  const next = pick(rng, [...(KEYBOARD[ch.toLowerCase()] as string)]);
  return replaceAt(text, i, ch === ch.toLowerCase() ? next : next.toUpperCase());
}

/** Two adjacent, different letters of a word swapped ("teh"). */
export function charSwap(text: string, rng: Rng): string | undefined {
  const letter = /\p{L}/u;
  const at = positions(text, (ch, i) => {
    const next = text[i + 1];
    return next !== undefined && letter.test(ch) && letter.test(next) && ch !== next;
  });
  if (at.length === 0) return undefined;
  const i = pick(rng, at);
  return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
}

/** The whole text lower-cased, upper-cased, or with its first letter's case flipped; always a change. */
export function changeCase(text: string, rng: Rng): string | undefined {
  const flipFirst = text.replace(/\p{L}/u, (c) =>
    c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
  );
  const options = [text.toLowerCase(), text.toUpperCase(), flipFirst].filter((t) => t !== text);
  return options.length ? pick(rng, [...new Set(options)]) : undefined;
}

/** The final punctuation dropped, a comma dropped, or a full stop added where the text has none. */
export function punctuation(text: string, rng: Rng): string | undefined {
  // Punctuation alone is not a prompt to perturb.
  if (!/\p{L}|\d/u.test(text)) return undefined;
  const options: string[] = [];
  const trimmed = text.trimEnd();
  if (/[.!?]+$/.test(trimmed)) options.push(trimmed.replace(/[.!?]+$/, '') + text.slice(trimmed.length));
  else options.push(`${trimmed}.${text.slice(trimmed.length)}`);
  const commas = positions(text, (ch) => ch === ',');
  if (commas.length) options.push(replaceAt(text, pick(rng, commas), ''));
  return options.length ? pick(rng, options) : undefined;
}

/** A space doubled, or stray whitespace added at an end. */
export function whitespace(text: string, rng: Rng): string | undefined {
  if (text.trim() === '') return undefined;
  const spaces = positions(text, (ch) => ch === ' ');
  const options = [` ${text}`, `${text} `, `${text}\n`];
  if (spaces.length) {
    const i = pick(rng, spaces);
    options.push(`${text.slice(0, i)}  ${text.slice(i + 1)}`);
  }
  return pick(rng, options);
}

/** One to three letters replaced by Unicode homoglyphs (Cyrillic or Greek). */
export function confusables(text: string, rng: Rng): string | undefined {
  const at = positions(text, (ch) => CONFUSABLES[ch] !== undefined);
  if (at.length === 0) return undefined;
  let out = text;
  for (const i of sample(rng, at, 1 + randomInt(rng, Math.min(3, at.length)))) {
    out = replaceAt(out, i, CONFUSABLES[text[i] as string] as string);
  }
  return out;
}
