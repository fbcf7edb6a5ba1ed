/**
 * Reading a value out of a model's answer for INV and DIR tests: normalised text, a regex's first
 * capture group, or a field of the JSON in the answer (bare, or inside a ```json fence).
 */
import { sentimentScore } from './sentiment.js';
import type { Extractor, Measure } from './types.js';

/** Lower-cased, punctuation and symbols removed, whitespace collapsed: "Paris." equals "paris". */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first fenced block's body, else the text from its first `{`/`[` to the matching last brace. */
function jsonCandidates(text: string): string[] {
  const out = [text.trim()];
  const fence = /```(?:json|JSON)?[^\S\n]*\n?([\s\S]*?)```/.exec(text);
  if (fence) out.push((fence[1] as string).trim());
  const start = text.search(/[{[]/);
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (start >= 0 && end > start) out.push(text.slice(start, end + 1));
  return out;
}

/** The JSON value in `text` (bare, fenced or embedded), or undefined when there is none. */
export function parseJsonIn(text: string): unknown {
  for (const candidate of jsonCandidates(text)) {
    try {
      return JSON.parse(candidate);
    } catch {
      // Try the next reading of the answer.
    }
  }
  return undefined;
}

/** `a.b.0.c` or `a.b[0].c` in a parsed value; undefined where the path leads nowhere. */
export function jsonPath(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Key-order-independent JSON, so {"a":1,"b":2} equals {"b":2,"a":1}. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What INV compares: undefined when the extractor finds nothing (no match, no JSON, no field). */
export function extractValue(text: string, extract: Extractor): string | undefined {
  if (extract === 'text') return normaliseText(text);
  if ('regex' in extract) {
    const m = new RegExp(extract.regex, 'i').exec(text);
    if (!m) return undefined;
    // Labels compare case-insensitively: "Positive" and "positive" are one answer.
    return (m[1] ?? m[0]).trim().toLowerCase();
  }
  const v = jsonPath(parseJsonIn(text), extract.json);
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : stable(v);
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const n = Number.parseFloat(v.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** What DIR compares: sentiment (AFINN comparative), length in words, or a number read by regex or JSON path. */
export function measureValue(text: string, measure: Measure): number | undefined {
  if (measure === 'sentiment') return sentimentScore(text);
  if (measure === 'length') return text.split(/\s+/).filter(Boolean).length;
  if ('regex' in measure) {
    const m = new RegExp(measure.regex, 'i').exec(text);
    return m ? toNumber(m[1] ?? m[0]) : undefined;
  }
  return toNumber(jsonPath(parseJsonIn(text), measure.json));
}
