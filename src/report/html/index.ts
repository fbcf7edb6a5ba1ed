/**
 * The html reporter: `report.html`, one self-contained file that opens offline. Data goes in as escaped JSON
 * (and the eval cases as gzip+base64), code and styles inline, a Content-Security-Policy that allows no
 * request at all, and the page builds its DOM with text nodes only: model output is shown, never run.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { RunSummary } from '../../run/summary.js';
import { writeReport } from '../output.js';
import type { ReporterFactory } from '../types.js';
import { streamRun } from './cases.js';
import { appJs } from './client/app.js';
import { chartsJs } from './client/charts.js';
import { domJs } from './client/dom.js';
import { evalJs } from './client/eval.js';
import { sectionsJs } from './client/sections.js';
import { styleCss } from './client/style.js';
import { embedJson, embedScript, embedStyle, uplotAssets } from './embed.js';
import { buildViewModel } from './view-model.js';

/**
 * No network, no plugins, no forms: only this file's two script elements (by nonce, which also turns off
 * inline event handlers, a second wall behind the text-only DOM) and its inline styles.
 */
const csp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Writes `report.html` (or the path the user gave), reading the run's results.jsonl as a stream. */
export const htmlReporter: ReporterFactory = (ctx) => ({
  async onRunEnd(summary) {
    const html = await renderHtml(summary, join(ctx.runDir, 'results.jsonl'));
    return [await writeReport(ctx, 'report.html', html)];
  },
});

/** Renders a stored run (its summary and its results.jsonl) as one self-contained HTML document. */
export async function renderHtml(summary: RunSummary, resultsFile: string): Promise<string> {
  const run = await streamRun(resultsFile);
  const vm = buildViewModel(summary, run.artifacts);
  const uplot = uplotAssets();
  const nonce = randomBytes(18).toString('base64');
  const title = `Gauntlet: ${summary.suite.name ?? summary.suite.file} (${summary.verdict})`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp(nonce)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${embedStyle(uplot.css)}${embedStyle(styleCss)}</style>`,
    '</head><body><main id="app"></main>',
    `<script type="application/json" id="gauntlet-data">${embedJson(vm)}</script>`,
    `<script type="application/gzip-base64" id="gauntlet-cases">${run.casesGzipBase64}</script>`,
    `<script nonce="${nonce}">${embedScript(uplot.js)}</script>`,
    `<script nonce="${nonce}">(function(){'use strict';${embedScript(domJs + chartsJs + sectionsJs + evalJs + appJs)}})();</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** Text for an element or attribute: the five characters HTML gives meaning to. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
