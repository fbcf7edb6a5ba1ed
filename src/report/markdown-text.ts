/**
 * Markdown escaping for untrusted text. A `|` in a model's answer would add a table column, a `<script>`
 * would reach renderers that allow HTML, and three backticks would end a code block early and let the rest
 * of the answer render as markdown. Every piece of run data goes through one of these.
 */
import { stripAnsi } from './sanitize.js';

// Control characters (tab and LF kept), bidi overrides, noncharacters and lone surrogates: invisible or
// unrenderable text.
const UNPRINTABLE =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes escape sequences and characters that have no business in a document; CRLF becomes LF. */
export function mdClean(text: string): string {
  return stripAnsi(text).replace(/\r\n?/g, '\n').replace(UNPRINTABLE, '');
}

// Characters that start inline markup (emphasis, links, code, strikethrough, headings) or split table cells.
const MARKUP = /[\\`*_[\]#~|]/g;

/**
 * Escapes text for inline use: a table cell, a heading, a paragraph. HTML-significant characters become
 * entities, markup characters are backslash-escaped and newlines become `<br>`, so the text stays on its
 * line and in its cell.
 */
export function mdInline(text: string): string {
  return mdClean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKUP, (ch) => `\\${ch}`)
    .replace(/\t/g, ' ')
    .replace(/\n/g, '<br>');
}

/**
 * An inline code span that no backtick run inside `text` can close early. In a table cell `|` must still be
 * escaped, because GFM splits cells before it sees code spans.
 */
export function mdCode(text: string, options: { inTable?: boolean } = {}): string {
  const clean = mdClean(text).replace(/\s*\n\s*/g, ' ');
  const ticks = '`'.repeat(longestRun(clean, '`') + 1);
  // A space on each side keeps a leading or trailing backtick from merging with the delimiter.
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  const span = `${ticks}${pad}${clean}${pad}${ticks}`;
  return options.inTable ? span.replace(/\|/g, '\\|') : span;
}

/** A fenced code block whose fence is longer than any backtick run in the content, so it cannot be closed early. */
export function mdFence(content: string, info = ''): string {
  const clean = mdClean(content);
  const fence = '`'.repeat(Math.max(3, longestRun(clean, '`') + 1));
  return `${fence}${info}\n${clean}${clean.endsWith('\n') ? '' : '\n'}${fence}`;
}

/** A table row from already-escaped cells. */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
