/**
 * XML escaping for untrusted text. Escaping alone is not enough: XML 1.0 cannot carry most control
 * characters even as `&#0;`-style references, so a single NUL in a model's answer would make the whole
 * junit.xml unparseable and CI would lose every result. Those characters are removed instead.
 */
import { stripAnsi } from './sanitize.js';

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, lone surrogate halves, U+FFFE/F.
const ILLEGAL_XML =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes characters XML 1.0 cannot represent, and ANSI colour sequences that would only be noise. */
export function xmlClean(text: string): string {
  return stripAnsi(text).replace(ILLEGAL_XML, '');
}

/** Escapes text for element content. `>` is escaped too, so `]]>` can never close anything. */
export function xmlText(text: string): string {
  return xmlClean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text for a double-quoted attribute. Tabs and line breaks become character references because
 * parsers normalise literal ones in attributes to spaces, and a multi-line message should survive.
 */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** A start tag with attributes in the given order; undefined values are left out. */
export function xmlTag(
  name: string,
  attrs: Record<string, string | number | undefined>,
  selfClose = false,
): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) out += ` ${key}="${xmlAttr(String(value))}"`;
  }
  return `${out}${selfClose ? '/>' : '>'}`;
}
