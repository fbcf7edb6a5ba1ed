/** Normalised Levenshtein similarity over code points. */
import { distance } from 'fastest-levenshtein';

// fastest-levenshtein compares UTF-16 code units, so an emoji would count as two edits. When either
// string has astral characters, each distinct code point is first renamed to one BMP character.
const FIRST_STANDIN = 0x100;
const MAX_STANDINS = 0xd800 - FIRST_STANDIN;

function toUnits(a: string, b: string): [string, string] {
  const astral = /[\ud800-\udfff]/;
  if (!astral.test(a) && !astral.test(b)) return [a, b];
  const names = new Map<string, string>();
  const rename = (s: string): string =>
    Array.from(s, (cp) => {
      let name = names.get(cp);
      if (name === undefined) {
        name = String.fromCharCode(FIRST_STANDIN + names.size);
        names.set(cp, name);
      }
      return name;
    }).join('');
  const ra = rename(a);
  const rb = rename(b);
  // Past the BMP's room (never in practice) fall back to code units rather than collide.
  return names.size > MAX_STANDINS ? [a, b] : [ra, rb];
}

/** 1 - edit distance / longer length, in code points; 1 for two empty strings. */
export function levenshteinSimilarity(a: string, b: string): number {
  const [ua, ub] = toUnits(a, b);
  const longest = Math.max(ua.length, ub.length);
  if (longest === 0) return 1;
  return 1 - distance(ua, ub) / longest;
}
