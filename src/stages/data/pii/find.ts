/** Finding and masking PII in one text: every detector, then the leftmost-longest matches that do not overlap. */
import { detectors, priority } from './detectors/index.js';
import { type PiiKind, type PiiMatch, piiKinds, placeholder } from './types.js';

/** The confirmed PII in `text`, in order, without overlaps (the leftmost longest match wins). */
export function findPii(text: string, kinds: readonly PiiKind[] = piiKinds): PiiMatch[] {
  const all: PiiMatch[] = [];
  for (const kind of kinds) {
    for (const [start, end] of detectors[kind].find(text))
      all.push({ kind, start, end, value: text.slice(start, end) });
  }
  if (all.length < 2) return all;
  all.sort(
    (a, b) => a.start - b.start || b.end - a.end || priority.indexOf(a.kind) - priority.indexOf(b.kind),
  );
  const out: PiiMatch[] = [];
  let end = -1;
  for (const m of all) {
    if (m.start >= end) {
      out.push(m);
      end = m.end;
    }
  }
  return out;
}

/** `text` with every confirmed match replaced by its kind's placeholder, and the matches replaced. */
export function maskText(
  text: string,
  kinds: readonly PiiKind[] = piiKinds,
): { text: string; matches: PiiMatch[] } {
  const matches = findPii(text, kinds);
  if (matches.length === 0) return { text, matches };
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + placeholder(m.kind);
    at = m.end;
  }
  return { text: out + text.slice(at), matches };
}

/** A masked sample of one match (never the raw value). */
export function maskSample(match: Pick<PiiMatch, 'kind' | 'value'>): string {
  return detectors[match.kind].mask(match.value);
}

/** One RE2 pattern that matches every text in which any of `kinds` may be found (DuckDB prefilter). */
export function prefilterPattern(kinds: readonly PiiKind[]): string {
  return kinds.map((k) => `(?:${detectors[k].prefilter})`).join('|');
}
