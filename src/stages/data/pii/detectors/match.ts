/** The helpers detectors share: run a global regex and keep the spans its validator confirms. */

/**
 * Spans of `re`'s matches (a global regex) that `valid` accepts. A rejected match does not hide a
 * shorter one at the same place; that costs little and keeps each validator simple.
 */
export function spans(re: RegExp, text: string, valid: (match: string) => boolean = () => true) {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (valid(m[0])) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** The digits of `text`, without separators. */
export const digitsOf = (text: string) => text.replace(/[^0-9]/g, '');

/** `text` with every digit but the last `keep` replaced by `*`; separators stay. */
export function starDigits(text: string, keep: number): string {
  let left = digitsOf(text).length - keep;
  return text.replace(/[0-9]/g, (d) => (left-- > 0 ? '*' : d));
}
