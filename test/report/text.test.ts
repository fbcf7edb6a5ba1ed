import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber } from '../../src/report/format.js';
import {
  displayWidth,
  sanitizeLine,
  sanitizeTerminal,
  stripAnsi,
  truncate,
} from '../../src/report/sanitize.js';
import { xmlAttr, xmlClean, xmlText } from '../../src/report/xml.js';

describe('terminal sanitizing', () => {
  it('removes colour, cursor, title and hyperlink sequences', () => {
    expect(stripAnsi('\u001b[1;31mred\u001b[0m')).toBe('red');
    expect(stripAnsi('a\u001b[2J\u001b[Hb')).toBe('ab');
    expect(stripAnsi('\u001b]0;owned\u0007title')).toBe('title');
    expect(stripAnsi('\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
    expect(stripAnsi('\u009b31mc1')).toBe('c1');
  });

  it('shows other control characters as symbols and drops bidi overrides', () => {
    expect(sanitizeTerminal('a\u0000b\rc\u007f')).toBe('a␀b␍c␡');
    expect(sanitizeTerminal('line1\nline2\t!')).toBe('line1\nline2\t!');
    expect(sanitizeTerminal('admin\u202e\u2066txt')).toBe('admintxt');
    expect(sanitizeTerminal('x\ud800y')).toBe('x\ufffdy');
    expect(sanitizeLine('one\ntwo\tthree')).toBe('one ⏎ two three');
  });

  it('truncates by code point and says how much was cut', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('🚀🚀🚀🚀', 2)).toBe('🚀🚀… (2 more characters)');
    expect(truncate('abcd', 3)).toBe('abc… (1 more character)');
  });

  it('measures display width for table alignment', () => {
    expect(displayWidth('\u001b[31mabc\u001b[39m')).toBe(3);
    expect(displayWidth('🚀x')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

describe('xml escaping', () => {
  it('escapes markup and removes what XML 1.0 cannot hold', () => {
    expect(xmlText('<a> & ]]>')).toBe('&lt;a&gt; &amp; ]]&gt;');
    expect(xmlClean('a\u0000\u0008\u000b\u000c\u001fb\t\n\r\ufffe\uffff')).toBe('ab\t\n\r');
    expect(xmlClean('\ud83d\ude80 \ud800 \udc00')).toBe('🚀  ');
    expect(xmlAttr('say "hi"\n\tthere')).toBe('say &quot;hi&quot;&#10;&#9;there');
  });
});

describe('formatting', () => {
  it('formats durations and observed values', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(1534)).toBe('1.53s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatNumber(0.3333333)).toBe('0.3333');
    expect(formatNumber(212)).toBe('212');
    expect(formatNumber(undefined)).toBe('-');
  });
});
