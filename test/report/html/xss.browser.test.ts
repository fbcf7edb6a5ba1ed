/**
 * The XSS test: a run with hostile text in every field is opened in headless chromium with alert, confirm,
 * prompt, console and every network request hooked. Nothing may run and nothing may leave the page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/index.js';
import { chromiumPath, launch, skipReason } from './browser.js';
import { hostileEvents, makeHtmlSummary, PAYLOADS, writeResults } from './fixture.js';

// The page's globals, for the functions that run in the browser (the project's TypeScript lib has no DOM).
interface PageElement {
  tagName: string;
  attributes: Iterable<{ name: string }>;
  textContent: string | null;
}
declare const document: {
  scripts: { length: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
};
declare const window: unknown;

describe.skipIf(!chromiumPath)(`html report in chromium: hostile output${skipReason}`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-html-xss-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs none of the payloads and sends no request, and shows them as text', async () => {
    const summary = makeHtmlSummary();
    const file = join(dir, 'report.html');
    await writeFile(file, await renderHtml(summary, await writeResults(dir, hostileEvents(summary))));
    const url = pathToFileURL(file).href;
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      const errors: string[] = [];
      const consoleLines: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('request', (r) => {
        if (r.url() !== url) requests.push(r.url());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => consoleLines.push(m.text()));
      await page.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        w.__fired = [];
        for (const name of ['alert', 'confirm', 'prompt']) {
          w[name] = (...args: unknown[]) => (w.__fired as unknown[]).push([name, ...args]);
        }
      });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
      const fired = () => page.evaluate(() => (window as unknown as { __fired: unknown[] }).__fired);
      expect(await fired()).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      // Open the hostile case's detail (prompt, output, expected-vs-actual diff, assertions).
      await page.click('.vrow:not(.vhead) >> nth=0', { timeout: 5000 });
      await page.waitForSelector('.detail pre');
      // Use every filter and the search so each code path renders the payloads.
      await page.fill('.search', 'script');
      await page.waitForTimeout(300);
      await page.selectOption('.filters select >> nth=0', 'fail');
      await page.waitForTimeout(100);

      expect(await fired()).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      // A blocked attempt shows as a CSP violation: there must be none, the DOM never held a handler.
      expect(consoleLines.filter((l) => /alert|evil|Content Security Policy/i.test(l))).toEqual([]);

      const dom = await page.evaluate(() => ({
        scripts: document.scripts.length,
        canvases: document.querySelectorAll('canvas').length,
        imgs: document.querySelectorAll('img, iframe, svg, a[href], object, embed').length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`),
        ),
        text: document.querySelector('#app')?.textContent ?? '',
        detail: document.querySelector('.detail')?.textContent ?? '',
      }));
      expect(dom.scripts).toBe(4);
      expect(dom.imgs).toBe(0);
      // The charts drew (load percentiles, distributions, chaos timeline, data histogram).
      expect(dom.canvases).toBeGreaterThanOrEqual(5);
      expect(dom.handlers).toEqual([]);
      // The payloads are there, as text a reader can see, in the banner, tables, sections and detail.
      for (const p of PAYLOADS.slice(0, 5)) {
        expect(dom.text).toContain(p);
        expect(dom.detail).toContain(p);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
