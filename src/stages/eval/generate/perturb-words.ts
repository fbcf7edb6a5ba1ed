/**
 * Word-level perturbations that keep the meaning: a first name swapped for another from the same list
 * (INV: "Mark was great" vs "Samantha was great") and a word swapped for a synonym.
 */
import { pick, type Rng } from './random.js';

const WORD = /\p{L}[\p{L}'\u2019-]*/gu;

interface Hit {
  word: string;
  index: number;
}

function words(text: string): Hit[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], index: m.index }));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchCase(like: string, word: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0]?.toUpperCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/**
 * A perturbation that swaps a first name found in the text (capitalised, as names are written) for
 * another name of the smallest list holding it, so a female name stays female. Every occurrence of
 * the name changes, keeping "Anna ... Anna" consistent.
 */
export function nameSwap(
  lists: readonly (readonly string[])[],
): (text: string, rng: Rng) => string | undefined {
  const home = new Map<string, readonly string[]>();
  for (const list of [...lists].sort((a, b) => b.length - a.length)) {
    if (list.length < 2) continue;
    for (const name of list) home.set(name, list);
  }
  return (text, rng) => {
    const found = [...new Set(words(text).map((h) => h.word))].filter((w) => home.has(w));
    if (found.length === 0) return undefined;
    const name = pick(rng, found);
    const others = (home.get(name) as readonly string[]).filter((n) => n !== name && !found.includes(n));
    if (others.length === 0) return undefined;
    const replacement = pick(rng, others);
    return text.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'gu'), replacement);
  };
}

/** A perturbation that swaps one word found in a synonym set for another member, case kept. */
export function synonymSwap(
  sets: readonly (readonly string[])[],
): (text: string, rng: Rng) => string | undefined {
  const setOf = new Map<string, readonly string[]>();
  for (const set of sets) for (const w of set) setOf.set(w.toLowerCase(), set);
  return (text, rng) => {
    const hits = words(text).filter((h) => setOf.has(h.word.toLowerCase()));
    if (hits.length === 0) return undefined;
    const hit = pick(rng, hits);
    const choices = (setOf.get(hit.word.toLowerCase()) as readonly string[]).filter(
      (w) => w.toLowerCase() !== hit.word.toLowerCase(),
    );
    const next = matchCase(hit.word, pick(rng, choices));
    return text.slice(0, hit.index) + next + text.slice(hit.index + hit.word.length);
  };
}
