/**
 * Text matching: equals, contains, icontains, contains-any, contains-all, regex, starts-with.
 * All but `equals` compare NFC-normalised text, so "é" typed as one code point or as e + accent matches.
 */

import type { AssertionHandler } from '../types.js';
import { AssertionConfigError } from './errors.js';
import { fmt, listOf, type Of, outcome, quote } from './result.js';

/** Exact equality, byte for byte (no normalisation: that is what `equals` promises). */
export const equals: AssertionHandler<Of<'equals'>> = (a, output) => {
  const pass = output === a.value;
  return outcome(
    a,
    pass,
    pass ? 1 : 0,
    pass ? `equals ${quote(a.value)}` : `expected ${quote(a.value)}, got ${quote(output)}`,
  );
};

/** The output contains `value` (case-sensitive). */
export const contains: AssertionHandler<Of<'contains'>> = (a, output) => {
  const pass = output.normalize('NFC').includes(a.value.normalize('NFC'));
  return outcome(a, pass, pass ? 1 : 0, `${quote(a.value)} ${pass ? 'found' : 'not found'}`);
};

/** The output contains `value`, ignoring case. */
export const icontains: AssertionHandler<Of<'icontains'>> = (a, output) => {
  const pass = fold(output, false).includes(fold(a.value, false));
  return outcome(a, pass, pass ? 1 : 0, `${quote(a.value)} ${pass ? 'found' : 'not found'} (ignoring case)`);
};

/** At least one keyword occurs; the score is the share that do. */
export const containsAny: AssertionHandler<Of<'contains-any'>> = (a, output) => {
  const { found, missing, score } = coverage(listOf(a.value), output, a.caseSensitive);
  const pass = found.length > 0 && (a.threshold === undefined || score >= a.threshold);
  const reason = found.length > 0 ? `found ${list(found)}` : `none of ${list(missing)} found`;
  return outcome(a, pass, score, reason, { found, missing });
};

/** Keyword coverage: the share of keywords found; passes at `threshold` (default 1: every one). */
export const containsAll: AssertionHandler<Of<'contains-all'>> = (a, output) => {
  const { found, missing, score } = coverage(listOf(a.value), output, a.caseSensitive);
  const threshold = a.threshold ?? 1;
  const pass = score >= threshold;
  const total = found.length + missing.length;
  const reason =
    missing.length === 0
      ? `all ${total} found`
      : `${found.length}/${total} found (coverage ${fmt(score)}${pass ? ' >=' : ' <'} ${fmt(threshold)}); missing ${list(missing)}`;
  return outcome(a, pass, score, reason, { found, missing });
};

/** The output matches the regular expression (`flags` as in JavaScript). */
export const regex: AssertionHandler<Of<'regex'>> = (a, output) => {
  const re = compile(a.value, a.flags);
  // Flags g and y make exec() stateful; start every output from the beginning.
  re.lastIndex = 0;
  const match = re.exec(output);
  const shown = `/${a.value}/${a.flags}`;
  return match
    ? outcome(a, true, 1, `${shown} matched ${quote(match[0])}`)
    : outcome(a, false, 0, `${shown} did not match ${quote(output)}`);
};

/**
 * The output starts with `value`. Leading whitespace of the output is ignored (models often open with a
 * newline) unless `value` itself starts with whitespace.
 */
export const startsWith: AssertionHandler<Of<'starts-with'>> = (a, output) => {
  const value = a.value.normalize('NFC');
  const text = /^\s/.test(value) ? output.normalize('NFC') : output.normalize('NFC').trimStart();
  const pass = text.startsWith(value);
  return outcome(
    a,
    pass,
    pass ? 1 : 0,
    pass ? `starts with ${quote(value)}` : `expected to start with ${quote(value)}, got ${quote(text, 40)}`,
  );
};

/** Which keywords occur in the text, and their share. */
export function coverage(
  keywords: string[],
  text: string,
  caseSensitive = false,
): { found: string[]; missing: string[]; score: number } {
  const haystack = fold(text, caseSensitive);
  const found: string[] = [];
  const missing: string[] = [];
  for (const k of keywords) (haystack.includes(fold(k, caseSensitive)) ? found : missing).push(k);
  return { found, missing, score: keywords.length === 0 ? 1 : found.length / keywords.length };
}

function fold(text: string, caseSensitive: boolean): string {
  const nfc = text.normalize('NFC');
  return caseSensitive ? nfc : nfc.toLowerCase();
}

function list(words: string[]): string {
  return words.map((w) => quote(w, 40)).join(', ');
}

// Compiled once per pattern: a suite applies the same regex to every case.
const compiled = new Map<string, RegExp>();

function compile(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    try {
      re = new RegExp(pattern, flags);
    } catch (cause) {
      throw new AssertionConfigError(
        `regex /${pattern}/${flags} is not a valid JavaScript regular expression: ${(cause as Error).message}`,
        { cause },
      );
    }
    compiled.set(key, re);
  }
  return re;
}
