/**
 * `gauntlet view` end to end in Debian's chromium: three real load runs of the reference server (the last
 * one 40 ms slower, failing its TTFT threshold), the viewer over them, and a browser that opens the printed
 * URL, a run and its report's charts, a comparison, the trends with an alert; then, without the token, a 401.
 */
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/serve/index.js';
import { type RunningViewer, startViewer } from '../../src/view/server.js';
import { runCli, suiteDir } from '../helpers/cli.js';
import { chromiumPath, launch, skipReason } from '../report/html/browser.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const SCREENSHOTS = path.join(os.tmpdir(), 'gauntlet-view-screenshots');

type Server = Awaited<ReturnType<typeof startServer>>;
const serverAt = (ms: number) =>
  startServer({ seed: ms, latency: { ttft: { dist: 'fixed', ms }, perToken: { dist: 'fixed', ms: 1 } } });

const suite = (url: string) => `name: "${HOSTILE}"
target: { type: openai, baseUrl: ${url}/v1, model: gauntlet-sim }
stages:
  - kind: load
    profile: { type: concurrency, concurrency: [4] }
    requests: 100
    warmup: 200ms
    maxTokens: 8
    thresholds: { ttft: ['p(95)<45'] }
report: { reporters: [json] }
`;

describe.skipIf(!chromiumPath)(`gauntlet view in chromium${skipReason}`, () => {
  let fast: Server;
  let slow: Server;
  let viewer: RunningViewer;
  const ids: string[] = [];

  beforeAll(async () => {
    [fast, slow] = await Promise.all([serverAt(20), serverAt(60)]);
    const dir = suiteDir(suite(fast.url));
    for (const server of [fast, fast, slow]) {
      const r = await runCli(['run', '--out', 'runs', '--target-url', `${server.url}/v1`], { cwd: dir });
      expect(r.code, r.stdout + r.stderr).toBe(server === fast ? 0 : 1);
      ids.push(path.basename(realpathSync(path.join(dir, 'runs', 'latest'))));
    }
    viewer = await startViewer({ runsDir: path.join(dir, 'runs') });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([fast?.close(), slow?.close(), viewer?.close()]);
  });

  it('shows the runs, a run with its report charts, a comparison and the trends; refuses a browser without the token', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const dialogs: string[] = [];
      const errors: string[] = [];
      const csp: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (/Content Security Policy|Refused/i.test(m.text())) csp.push(m.text());
      });
      const [oldest, previous, newest] = ids as [string, string, string];

      // The printed URL logs in, then drops the token from the address bar.
      await page.goto(viewer.url);
      expect(page.url()).toBe(`${viewer.origin}/`);
      await page.waitForSelector('body[data-ready="1"]');
      expect(await page.locator('tr[data-run]').count()).toBe(3);
      expect(await page.locator(`tr[data-run="${newest}"] td.suite`).textContent()).toBe(HOSTILE);
      expect(await page.locator('#app img').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'runs.png') });

      // A run: its header, and the stored report in a sandboxed iframe, charts drawn.
      await page.click(`a[href="/runs/${newest}"]`);
      await page.waitForSelector('iframe.report');
      expect(await page.locator('iframe.report').getAttribute('sandbox')).toBe('allow-scripts');
      const report = page.frameLocator('iframe.report');
      await report.locator('canvas').first().waitFor({ timeout: 10_000 });
      expect(await report.locator('h1').first().textContent()).toContain(HOSTILE);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'run.png') });

      // Compare: the list preselects the two newest runs; the slower one regressed TTFT.
      await page.goto(`${viewer.origin}/`);
      await page.click('button.compare-button');
      await page.waitForSelector('body[data-ready="1"]');
      const picked = new URL(page.url()).searchParams;
      expect([picked.get('base'), picked.get('current')]).toEqual([previous, newest]);
      const regressed = page.locator('tr[data-verdict="regressed"]');
      expect(await regressed.count()).toBeGreaterThan(0);
      expect(await regressed.first().textContent()).toMatch(/ttft/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'compare.png'), fullPage: true });

      // Trends: uPlot lines across the three runs and the requirement documents' alert on the failing run.
      await page.click('nav a[href="/trends"]');
      await page.waitForSelector('body[data-ready="1"]');
      expect(await page.locator('.uplot canvas').count()).toBeGreaterThanOrEqual(2);
      const alerts = page.locator('tr.alert');
      expect(await alerts.count()).toBeGreaterThan(0);
      expect(await alerts.allTextContents()).toContainEqual(
        expect.stringMatching(/failure_rate > 10%.*100 %/),
      );
      expect(await page.locator('select.suite-filter').inputValue()).toBe(HOSTILE);
      const shot = path.join(SCREENSHOTS, 'trends.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = readFileSync(shot);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBeGreaterThan(20_000);

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(csp).toEqual([]);
      expect(oldest).not.toBe(newest);

      // A fresh browser context has no cookie: every page is refused.
      const stranger = await browser.newContext();
      const other = await stranger.newPage();
      for (const route of ['/', `/runs/${newest}`, `/runs/${newest}/report`, '/trends', '/api/runs']) {
        const res = await other.goto(`${viewer.origin}${route}`);
        expect(res?.status(), route).toBe(401);
      }
      expect(await other.textContent('body')).toContain('gauntlet view');
      await stranger.close();
    } finally {
      await browser.close();
    }
  }, 40_000);
});
