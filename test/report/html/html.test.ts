import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedJson } from '../../../src/report/html/embed.js';
import { createReporter, renderHtml } from '../../../src/report/index.js';
import { EVIL, hostileEvents, makeHtmlSummary, writeResults } from './fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-html-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('embedJson', () => {
  it('leaves no character that could end a script element, and parses back unchanged', () => {
    const value = { a: EVIL, b: ['</script>', '<!--', '&amp;', '\u2028\u2029'] };
    const text = embedJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('html reporter', () => {
  it('writes one self-contained report.html through the registry', async () => {
    const summary = makeHtmlSummary();
    await writeResults(dir, hostileEvents(summary));
    const reporter = createReporter('html', {
      runDir: dir,
      stdout: new Writable({ write: (_c, _e, cb) => cb() }),
      color: false,
      verbosity: 1,
    });
    const files = await reporter.onRunEnd?.(summary, []);
    expect(files).toEqual([join(dir, 'report.html')]);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    // No external resource: nothing to fetch, no CDN, and a CSP that forbids any request.
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(\s*["']?https?:/i);
    expect(html).not.toMatch(/cdn\./i);
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/script-src 'nonce-[^']+';/);
    // uPlot is inlined.
    expect(html).toContain('uPlot');
    // Exactly our four script elements: the payloads inside the data did not open or close one.
    expect(html.match(/<script\b/gi)).toHaveLength(4);
    expect(html.match(/<\/script>/gi)).toHaveLength(4);
  });

  it('renders a run whose results.jsonl is missing (an early crash) with no cases', async () => {
    const html = await renderHtml(makeHtmlSummary(), join(dir, 'results.jsonl'));
    expect(html).toContain('id="gauntlet-cases"');
    expect(html.match(/<script\b/gi)).toHaveLength(4);
  });
});
