/**
 * CheckList-style template expansion: `{lexicon}` placeholders filled from word lists, `{name:1}` and
 * `{name:2}` for distinct draws from one list, `{a:profession}` for the value with "a"/"an" before it
 * (by its first letter: "an hour" is beyond it), the cross product sampled without replacement down to
 * `maxCases`, the same cases for the same seed.
 */
import { type Rng, randomInt, rngFor } from './random.js';
import type { Lexicons } from './types.js';

export interface Expansion {
  text: string;
  /** Placeholder (as written inside the braces, e.g. `name:1`) → the value put there. */
  fill: Record<string, string>;
}

export interface ExpandOptions {
  maxCases?: number;
  seed?: number;
}

const PLACEHOLDER = /\{(?:an?:)?([A-Za-z_][\w-]*)(?::(\d+))?\}/g;

interface Group {
  lexicon: string;
  words: readonly string[];
  /** The distinct placeholders drawing from this lexicon, in order of first use. */
  keys: string[];
}

/** Placeholders grouped by lexicon; throws (a config mistake) on an unknown lexicon or too few words. */
function parse(template: string, lexicons: Lexicons): Group[] {
  const groups = new Map<string, Group>();
  for (const m of template.matchAll(PLACEHOLDER)) {
    const lexicon = m[1] as string;
    const key = m[2] === undefined ? lexicon : `${lexicon}:${m[2]}`;
    const words = lexicons[lexicon];
    if (!words) {
      throw new Error(
        `template placeholder {${key}} names no lexicon; known: ${Object.keys(lexicons).sort().join(', ')}`,
      );
    }
    const group = groups.get(lexicon) ?? { lexicon, words: [...new Set(words)], keys: [] };
    if (!group.keys.includes(key)) group.keys.push(key);
    groups.set(lexicon, group);
  }
  for (const g of groups.values()) {
    if (g.words.length < g.keys.length) {
      throw new Error(
        `lexicon ${g.lexicon} has ${g.words.length} distinct words for ${g.keys.length} distinct placeholders`,
      );
    }
  }
  return [...groups.values()];
}

/** Ordered draws of k from n: n × (n−1) × ... (n−k+1). */
function permutations(n: number, k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= n - i;
  return p;
}

/** The `index`-th fill in mixed radix: each lexicon's digit picks an ordered draw of distinct words. */
function decode(groups: Group[], index: number): Record<string, string> {
  const fill: Record<string, string> = {};
  let rest = index;
  for (const { words, keys } of groups) {
    const pool = [...words];
    for (const key of keys) {
      const j = rest % pool.length;
      rest = Math.floor(rest / pool.length);
      fill[key] = pool.splice(j, 1)[0] as string;
    }
  }
  return fill;
}

function randomFill(groups: Group[], rng: Rng): Record<string, string> {
  const fill: Record<string, string> = {};
  for (const { words, keys } of groups) {
    const pool = [...words];
    for (const key of keys) fill[key] = pool.splice(randomInt(rng, pool.length), 1)[0] as string;
  }
  return fill;
}

/** Fills `template`'s `{key}` placeholders from `fill`, capitalising a value that starts a sentence. */
export function render(template: string, fill: Record<string, string>): string {
  return template.replace(
    PLACEHOLDER,
    (whole: string, lexicon: string, n: string | undefined, offset: number) => {
      const found = fill[n === undefined ? lexicon : `${lexicon}:${n}`];
      if (found === undefined) return whole;
      const value = /^\{an?:/.test(whole) ? `${/^[aeiou]/i.test(found) ? 'an' : 'a'} ${found}` : found;
      return startsSentence(template, offset) ? value.charAt(0).toUpperCase() + value.slice(1) : value;
    },
  );
}

function startsSentence(text: string, offset: number): boolean {
  const before = text.slice(0, offset).trimEnd();
  return before === '' || /[.!?]$/.test(before);
}

// The generator has 32 bits, so index sampling can reach every fill only up to 2^32 of them; past
// that, draw fills directly and drop repeats (a repeat is then vanishingly rare).
const INDEX_LIMIT = 2 ** 32;

/** Every fill of `template` (in order) when they number at most `maxCases`, else `maxCases` distinct ones drawn by `seed`. */
export function expandTemplate(
  template: string,
  lexicons: Lexicons,
  { maxCases = 50, seed = 1 }: ExpandOptions = {},
): Expansion[] {
  const groups = parse(template, lexicons);
  const total = groups.reduce((p, g) => p * permutations(g.words.length, g.keys.length), 1);
  const rng = rngFor(seed, template);
  let fills: Record<string, string>[];
  if (total <= maxCases) {
    fills = Array.from({ length: total }, (_, i) => decode(groups, i));
  } else if (total <= INDEX_LIMIT) {
    fills = floyd(rng, total, maxCases).map((i) => decode(groups, i));
  } else {
    const seen = new Map<string, Record<string, string>>();
    while (seen.size < maxCases) {
      const fill = randomFill(groups, rng);
      const key = JSON.stringify(fill);
      if (!seen.has(key)) seen.set(key, fill);
    }
    fills = [...seen.values()];
  }
  return fills.map((fill) => ({ text: render(template, fill), fill }));
}

/** Floyd's algorithm: k distinct integers of [0, n), uniformly, in O(k). */
function floyd(rng: Rng, n: number, k: number): number[] {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = randomInt(rng, j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  // Ascending, so the sampled cases read in the template's natural order.
  return [...chosen].sort((a, b) => a - b);
}
