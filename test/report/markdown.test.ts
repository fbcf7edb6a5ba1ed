import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markdownReporter, renderMarkdown } from '../../src/report/markdown.js';
import { mdCode, mdFence, mdInline } from '../../src/report/markdown-text.js';
import { CURL, HOSTILE, makeResults, makeSummary, memoryStream, tempDir } from './fixture.js';

/** Cells in a GFM table row: pipes split cells unless backslash-escaped (as GFM reads them). */
function cellCount(row: string): number {
  let pipes = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') pipes++;
  }
  return pipes - 1;
}

interface Block {
  fence: string;
  info: string;
  body: string;
}

/**
 * Splits a document into prose and fenced blocks the way CommonMark does: a fence closes only on a line of
 * at least as many backticks and nothing else.
 */
function parseFences(doc: string): { prose: string[]; blocks: Block[]; unclosed: boolean } {
  const prose: string[] = [];
  const blocks: Block[] = [];
  let open: Block | undefined;
  for (const line of doc.split('\n')) {
    if (open) {
      const close = /^(`{3,})\s*$/.exec(line);
      if (close && close[1]!.length >= open.fence.length) {
        blocks.push(open);
        open = undefined;
      } else {
        open.body += `${line}\n`;
      }
      continue;
    }
    const start = /^(`{3,})([^`]*)$/.exec(line);
    if (start) open = { fence: start[1]!, info: start[2]!, body: '' };
    else prose.push(line);
  }
  return { prose, blocks, unclosed: open !== undefined };
}

describe('markdown reporter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('writes report.md into the run directory', async () => {
    const files = await markdownReporter({
      runDir: dir,
      stdout: memoryStream(),
      color: false,
      verbosity: 1,
    }).onRunEnd?.(makeSummary(), makeResults());
    expect(files).toEqual([join(dir, 'report.md')]);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toMatch(/^# Gauntlet: chat api \\\| smoke\n/);
  });

  it('leads with the verdict and the headline, and lists stages, gates, failures and environment', () => {
    const doc = renderMarkdown(makeSummary(), makeResults());
    expect(doc).toContain('❌ **FAIL** · 1 of 6 checks failed, 1 errored; 1 of 3 gates failed');
    for (const heading of ['## Stages', '## Gates', '## Failures (2)', '## Environment']) {
      expect(doc).toContain(`\n${heading}\n`);
    }
    expect(doc).toContain('| smoke | default | ❌ fail | 1 | 1 | 1 | 1 | 31.57s |');
    expect(doc).toContain('| `checks{stage:smoke}` | default | `rate>0.99` | 0.3333 | ❌ FAIL |');
    expect(doc).toContain('| Gauntlet | 0.1.0 |');
    expect(doc).toContain('| Node | v20.20.2 |');
    expect(doc).toContain('| OS | linux x64 |');
    expect(doc).toContain('| Git commit | `abc1234` (uncommitted changes) |');
    expect(doc).toContain('`http://127.0.0.1:8000/v1`');
    expect(doc).toContain('`http://127.0.0.1:8001/v1?a=1\\|b`');
  });

  it('keeps every table row at its header column count, hostile content included', () => {
    const doc = renderMarkdown(makeSummary(), makeResults());
    const lines = doc.split('\n');
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
      tables++;
      const columns = cellCount(lines[i]!);
      for (let j = i; j < lines.length && lines[j]!.startsWith('|'); j++) {
        expect(cellCount(lines[j]!), lines[j]).toBe(columns);
      }
    }
    expect(tables).toBe(4);
  });

  it('lets no HTML or control characters out, and no fence close early', () => {
    const doc = renderMarkdown(makeSummary(), makeResults());
    expect(doc).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const { prose, blocks, unclosed } = parseFences(doc);
    expect(unclosed).toBe(false);
    const text = prose.join('\n');
    // Code spans are literal text, so `p(95)<500` there is fine; outside them only our own <br> may appear.
    expect(text.replace(/(`+)[^`].*?\1/g, '')).not.toMatch(/<(?!br>)/);
    expect(text).toContain('**Message:** request timed out after 30s \n');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('### ✗ smoke › default › streaming \\| &lt;b&gt;ends&lt;/b&gt; with \\[DONE\\]');

    // The excerpt holds three backticks, so its fence is four long and the whole excerpt sits inside it.
    const excerpt = blocks.find((b) => b.info === 'text');
    expect(excerpt?.fence).toBe('````');
    expect(excerpt?.body).toContain(
      'say <script>alert(1)</script> ]]> red | a | b ``` fence 🚀 & done\nlorem',
    );
    expect(blocks.find((b) => b.info === 'sh')?.body).toBe(`${CURL}\n`);
    expect(blocks.find((b) => b.info === 'json')?.body).toContain(`"got": ${JSON.stringify(HOSTILE)}`);
  });
});

describe('markdown escaping', () => {
  it('escapes cells: pipes, HTML, markup and newlines', () => {
    expect(mdInline('a|b')).toBe('a\\|b');
    expect(mdInline('a\\|b')).toBe('a\\\\\\|b');
    expect(mdInline('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdInline('**bold** [x](javascript:1)')).toBe('\\*\\*bold\\*\\* \\[x\\](javascript:1)');
    expect(mdInline('one\r\ntwo')).toBe('one<br>two');
    expect(mdInline('&lt;')).toBe('&amp;lt;');
  });

  it('makes code spans and fences longer than any backtick run inside', () => {
    expect(mdCode('a ` b')).toBe('``a ` b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(mdFence('no ticks')).toBe('```\nno ticks\n```');
    expect(mdFence('x\n`````\ny', 'text')).toBe('``````text\nx\n`````\ny\n``````');
  });
});
