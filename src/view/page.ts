/**
 * The HTML shell of every viewer page: the data as escaped JSON, the code inline under a per-response nonce,
 * and a Content-Security-Policy that allows nothing else (no network from the page, frames only from here).
 */
import { randomBytes } from 'node:crypto';
import { domJs } from '../report/html/client/dom.js';
import { styleCss } from '../report/html/client/style.js';
import { embedJson, embedScript, embedStyle, uplotAssets } from '../report/html/embed.js';
import { escapeHtml } from '../report/html/index.js';
import { analysisJs } from './client/analysis.js';
import { listJs } from './client/list.js';

export type PageKind = 'list' | 'run' | 'compare' | 'trends' | 'error';

/** The policy of a viewer page: its own nonce'd script and style, same-origin frames, no requests. */
export const pageCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; frame-src 'self'; ` +
  `form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const viewCss = `
nav.top{margin:0 -24px 16px;padding:10px 24px;background:#111827;color:#fff;display:flex;gap:18px;align-items:center}
nav.top a{color:#c7d2fe;text-decoration:none}nav.top a:hover{text-decoration:underline}nav.top b{font-size:16px}
.mono{font-family:ui-monospace,monospace;font-size:12px;white-space:nowrap}.banner a{color:#fff}.pick{text-align:center}tr.deleted{color:#9ca3af}
.banner.cmp{background:#374151}.banner.v-regressed{background:#b91c1c}.banner.v-improved{background:#15803d}
.banner.other,.banner.unknown{background:#4b5563}
.badge.v-regressed{background:#dc2626}.badge.v-improved{background:#16a34a}.badge.v-unchanged{background:#6b7280}
.badge.v-inconclusive{background:#d97706}
iframe.report{width:100%;height:78vh;border:1px solid #e5e7eb;background:#fff}
.ok{color:#15803d}button{font:inherit;padding:4px 12px}.links a{color:#4338ca}
`;

/** A page: `title` is escaped; `data` is read by the page's code as JSON and shown as text. */
export function renderPage(page: PageKind, title: string, data: unknown): { html: string; nonce: string } {
  const nonce = randomBytes(18).toString('base64');
  const uplot = uplotAssets();
  const charts = page === 'trends';
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${charts ? embedStyle(uplot.css) : ''}${embedStyle(styleCss)}${embedStyle(viewCss)}</style>`,
    '</head><body>',
    '<nav class="top"><b>Gauntlet</b><a href="/">Runs</a><a href="/trends">Trends</a></nav>',
    '<main id="app"></main>',
    `<script type="application/json" id="view-data">${embedJson({ page, data })}</script>`,
    charts ? `<script nonce="${nonce}">${embedScript(uplot.js)}</script>` : '',
    `<script nonce="${nonce}">(function(){'use strict';${embedScript(domJs + listJs + analysisJs)}})();</script>`,
    '</body></html>',
    '',
  ].join('\n');
  return { html, nonce };
}
