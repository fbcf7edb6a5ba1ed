/**
 * The size and speed bar: a 100k-case eval run (outputs ~300 characters of varied text) must give a report
 * under 50 MB that opens and first renders in headless chromium in under 3 s; the virtual table must render
 * rows where it is scrolled to and filter all 100k cases. Prints both figures.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/index.js';
import type { RunEvent } from '../../../src/run/events.js';
import { chromiumPath, launch, skipReason } from './browser.js';
import { makeCase, makeHtmlSummary } from './fixture.js';

const CASES = 100_000;
/** A vocabulary of 5000 made-up words (3 to 10 letters): about English's entropy, so gzip is not flattered. */
const WORDS = Array.from({ length: 5000 }, (_, i) => {
  let x = i * 7919 + 13;
  let w = '';
  const len = 3 + (i % 8);
  for (let k = 0; k < len; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    w += 'etaoinshrdlcumwfgypbvkjxqz'[Math.floor(((x >> 8) % 1000) ** 2 / 38462)] ?? 'e';
  }
  return w;
});

/** Deterministic text of about `length` characters, varied enough that gzip is not flattered. */
function text(seed: number, length: number): string {
  let x = seed * 2654435761 + 1;
  const out: string[] = [];
  let n = 0;
  while (n < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const w = WORDS[(x >> 4) % WORDS.length] as string;
    const word = x % 11 === 0 ? `${w}${x % 1000},` : w;
    out.push(word);
    n += word.length + 1;
  }
  return `${out.join(' ')}.`;
}

async function writeLargeRun(dir: string, stage: string, target: string): Promise<string> {
  const file = join(dir, 'results.jsonl');
  const out = createWriteStream(file);
  let buf = '';
  for (let i = 0; i < CASES; i++) {
    const event: RunEvent = { type: 'case', stage, target, result: makeCase(i, text(i, 300)) };
    buf += `${JSON.stringify(event)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return file;
}

// The page's globals, for the functions that run in the browser (the project's TypeScript lib has no DOM).
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

describe.skipIf(!chromiumPath)(`html report in chromium: 100k eval cases${skipReason}`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-html-100k-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is under 50 MB, opens in under 3 s, and scrolls and filters the virtual table', async () => {
    const summary = makeHtmlSummary();
    summary.stages = summary.stages.slice(0, 1).map((s) => ({ ...s, name: 'eval', target: 'default' }));
    summary.tables = [];
    const results = await writeLargeRun(dir, 'eval', 'default');
    const file = join(dir, 'report.html');
    const started = performance.now();
    await writeFile(file, await renderHtml(summary, results));
    const renderMs = performance.now() - started;
    const sizeMb = (await stat(file)).size / 1e6;
    const resultsMb = (await stat(results)).size / 1e6;

    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const t0 = performance.now();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
      const openMs = performance.now() - t0;
      console.log(
        `html report, ${CASES} cases: ${sizeMb.toFixed(1)} MB (results.jsonl ${resultsMb.toFixed(1)} MB), ` +
          `written in ${Math.round(renderMs)} ms, opened and first rendered in headless chromium in ${Math.round(openMs)} ms`,
      );
      expect(sizeMb).toBeLessThan(50);
      expect(openMs).toBeLessThan(3000);

      const count = () => page.textContent('.filters .muted');
      expect(await count()).toBe(`${CASES} of ${CASES} cases`);
      // The visible rows, and only those, are in the DOM (the viewport shows 15).
      expect(await page.locator('.spacer .vrow').count()).toBeGreaterThanOrEqual(15);
      expect(await page.locator('.spacer .vrow').count()).toBeLessThan(60);

      await page.$eval('.viewport', (v) => {
        v.scrollTop = 50_000 * 28;
      });
      await page.waitForFunction(() =>
        document.querySelector('.spacer')?.textContent?.includes('cases#50000'),
      );
      expect(await page.locator('.spacer .vrow').count()).toBeGreaterThanOrEqual(15);
      expect(await page.locator('.spacer .vrow').count()).toBeLessThan(60);

      await page.selectOption('.filters select >> nth=0', 'fail');
      await page.waitForFunction(() =>
        document.querySelector('.filters .muted')?.textContent?.startsWith('33334 '),
      );
      await page.fill('.search', 'cases#99999');
      await page.waitForFunction(() =>
        document.querySelector('.filters .muted')?.textContent?.startsWith('1 of'),
      );
      await page.click('.spacer .vrow', { timeout: 5000 });
      expect(await page.textContent('.detail')).toContain('What is the capital of France? (case 99999)');
      expect(await page.locator('.detail pre.diff ins').count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
