/**
 * An English syllable estimate tuned to agree with what textstat counts: pyphen's hyphenation points
 * (en_US patterns, at least 2 letters either side of a break) plus one. Hyphenation is not syllabification:
 * "about", "area" and "many" get no break, so they count as one. Without the pattern dictionary an exact
 * match is impossible; test/metrics/text/readability.test.ts states how close this gets.
 */

// Vowel pairs that usually belong to two syllables (cre-ate, be-ing, sci-ence, po-em, mu-se-um).
const SPLIT_PAIRS = new Set('ia ie io iu ea eo ua uo oe eu ya yo ye yi'.split(' '));

// Pairs from SPLIT_PAIRS that stay together inside these spellings.
const UNSPLIT =
  /(?:[tcsx]i[aeo]|gio|[^aeiou]ie[sd]?$|ea[dmrstklcn]|eau|ieu|uou|qu|gu[aeio]|oes?$|ues?$|eous$)/;

// Two-consonant clusters that start a syllable together (a-cross, se-cret, fa-ther).
const ONSETS = new Set('bl br cl cr dr fl fr gl gr pl pr tr ch sh th ph wh wr qu'.split(' '));

// Endings after which pyphen's patterns do break 2 letters from the end (hap-py, quick-ly, cre-at-ed).
const SHORT_TAILS = new Set('ly ed er es ty ic al ry cy gy fy py by my um'.split(' '));

function isVowelAt(word: string, k: number): boolean {
  const ch = word[k]!;
  if ('aeiou'.includes(ch)) return true;
  // y is a vowel after a consonant (happy, system), a consonant at the start or after a vowel (yes, play).
  return ch === 'y' && k > 0 && !'aeiou'.includes(word[k - 1]!);
}

/** Vowel groups as [start, end) index pairs. */
function vowelGroups(word: string): [number, number][] {
  const groups: [number, number][] = [];
  let i = 0;
  while (i < word.length) {
    if (!isVowelAt(word, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < word.length && isVowelAt(word, i)) i++;
    groups.push([start, i]);
  }
  return groups;
}

/** Break inside a vowel group where its letters belong to two syllables. */
function hiatusBreaks(word: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  // A vowel before a final -ing is its own syllable (be-ing, go-ing, see-ing).
  if (end - start >= 2 && word[end - 1] === 'i' && end === word.length - 2 && word.endsWith('ng'))
    cuts.push(end - 1);
  for (let k = start + 1; k < end; k++) {
    if (!SPLIT_PAIRS.has(word.slice(k - 1, k + 1))) continue;
    if (UNSPLIT.test(word.slice(Math.max(0, k - 2), k + 2)) || UNSPLIT.test(word.slice(k - 1))) continue;
    cuts.push(k);
  }
  return cuts;
}

/** Where the consonants between two vowel groups divide. */
function consonantBreak(word: string, end: number, nextStart: number): number {
  const cluster = word.slice(end, nextStart);
  // A final consonant + le is its own syllable (lit-tle, han-dle, ta-ble).
  if (nextStart === word.length - 1 && word.endsWith('le') && cluster.length >= 2) return nextStart - 1;
  if (cluster.length <= 1) return end;
  if (cluster === 'ck' || cluster === 'x') return nextStart;
  if (cluster.length === 2) return ONSETS.has(cluster) ? end : end + 1;
  // Three or more: keep a two-letter onset with the next syllable (chil-dren), else split after two.
  return ONSETS.has(cluster.slice(-2)) ? nextStart - 2 : end + 2;
}

function silentEnding(w: string, last: [number, number]): boolean {
  const n = w.length;
  if (last[1] === n && w.endsWith('e') && last[1] - last[0] === 1) return !/[^aeiouy]le$/.test(w);
  if (last[0] !== n - 2 || last[1] !== n - 1) return false;
  // -les and -led after a consonant keep the syllabic l of -le (bot-tles, crum-pled).
  if (/[^aeiouy]l(?:es|ed)$/.test(w)) return false;
  if (w.endsWith('es')) return !/(?:[sxz]|[cs]h|[cg])es$/.test(w);
  if (w.endsWith('ed')) return !/[td]ed$/.test(w);
  return false;
}

/** Estimated syllables of one word, as textstat (pyphen positions + 1) would count it. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  // pyphen never breaks a word of three letters or fewer, and hardly ever one of four.
  if (w.length <= 4) return 1;
  const groups = vowelGroups(w);
  if (groups.length === 0) return 1;

  const breaks: number[] = [];
  for (let g = 0; g < groups.length; g++) {
    const [start, end] = groups[g]!;
    breaks.push(...hiatusBreaks(w, start, end));
    const next = groups[g + 1];
    if (next !== undefined) breaks.push(consonantBreak(w, end, next[0]));
  }
  if (silentEnding(w, groups[groups.length - 1]!)) breaks.pop();
  // The silent e of a stem before a consonant suffix (manage-ment, large-ly, nine-ty) adds nothing.
  if (/[aeiouy][^aeiouy]{1,2}e(?:ments?|ly|ful|fully|less|ness|ty)$/.test(w)) breaks.pop();

  // pyphen keeps 2 letters either side of a break, and only some endings get a break 2 from the end.
  const n = w.length;
  const valid = new Set(
    breaks.filter((b) => b >= 2 && b <= n - 2 && (b < n - 2 || SHORT_TAILS.has(w.slice(-2)))),
  );
  return valid.size + 1;
}
