/**
 * Model output is untrusted: shown raw in a terminal it could recolour, move the cursor, rewrite earlier
 * lines (a fake PASS), set the window title or hide text behind bidi overrides. Everything a reporter shows
 * from a check passes through here first.
 */

// ESC sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks) ended by BEL or ST, DCS/SOS/PM/APC
// strings ended by ST, nF charset switches, and the remaining two-byte Fe escapes; plus the 8-bit CSI.
const ANSI_SEQUENCE = new RegExp(
  [
    '\\x1b\\[[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]',
    '\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)',
    '\\x1b[PX^_][^\\x1b]*\\x1b\\\\',
    '\\x1b[\\x20-\\x2f]+[\\x30-\\x7e]',
    '\\x1b[\\x40-\\x5f]',
    '\\x9b[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]',
  ].join('|'),
  'g',
);

// C0 controls except tab and line feed, DEL, the C1 block, and the noncharacters U+FFFE/U+FFFF.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]/g;
// Bidi embeddings, overrides and isolates reorder what the reader sees ("Trojan Source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes ANSI/VT escape sequences (colours, cursor moves, titles) from text. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/**
 * Makes untrusted text safe for a terminal: escape sequences removed, other control characters shown as
 * visible symbols (␀, ␛, ␍) so the reader still sees that the model emitted them. Keeps tabs and newlines.
 */
export function sanitizeTerminal(text: string): string {
  return stripAnsi(text)
    .replace(BIDI, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(CONTROL, (ch) => controlPicture(ch.charCodeAt(0)));
}

/** `sanitizeTerminal` for a single line: newlines become `⏎` and tabs a space, so layout cannot break. */
export function sanitizeLine(text: string): string {
  return sanitizeTerminal(text).replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' ');
}

function controlPicture(code: number): string {
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/**
 * Cuts text to at most `max` characters (code points, so an emoji is never split in half) and says how
 * much was cut, so a reader knows the excerpt is partial.
 */
export function truncate(text: string, max = 300): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.length - max;
  return `${chars.slice(0, max).join('')}… (${cut} more character${cut === 1 ? '' : 's'})`;
}

// Combining marks, variation selectors and format characters (ZWJ, ZWSP) take no column; East Asian wide
// characters and emoji shown as emoji take two. An approximation of wcwidth, good enough to align a table.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const WIDE =
  /^[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]$/u;

/** How many terminal columns `text` takes once colour codes are removed. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}
