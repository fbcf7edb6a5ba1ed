/** Stage tables (load levels, sweeps) for the terminal and for Markdown. Cells come from stages: sanitized here. */
import type { ReportTable } from '../run/events.js';
import { mdInline, mdRow } from './markdown-text.js';
import { sanitizeLine } from './sanitize.js';
import { renderTable } from './table.js';

const cellText = (v: string | number | null): string =>
  v === null ? '—' : typeof v === 'number' ? String(v) : v;

/** Terminal lines for a table: title, aligned rows (numbers right-aligned), notes. */
export function tableLines(
  t: ReportTable,
  style: { title: (s: string) => string; header: (s: string) => string; note: (s: string) => string },
): string[] {
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number'));
  const columns = t.columns.map((header, i) => ({
    header: sanitizeLine(header),
    align: numeric[i] ? ('right' as const) : ('left' as const),
  }));
  const rows = t.rows.map((r) => t.columns.map((_, i) => sanitizeLine(cellText(r[i] ?? null))));
  return [
    style.title(sanitizeLine(t.title)),
    ...renderTable(columns, rows, style.header).map((l) => `  ${l}`),
    ...(t.notes ?? []).map((n) => style.note(`  ! ${sanitizeLine(n)}`)),
  ];
}

/** A Markdown section for a table. */
export function tableMarkdown(t: ReportTable): string {
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number'));
  return [
    `### ${mdInline(t.title)}`,
    '',
    mdRow(t.columns.map((c) => mdInline(c))),
    mdRow(numeric.map((n) => (n ? '--:' : '---'))),
    ...t.rows.map((r) => mdRow(t.columns.map((_, i) => mdInline(cellText(r[i] ?? null))))),
    ...(t.notes?.length ? ['', ...t.notes.map((n) => `> ${mdInline(n)}`)] : []),
  ].join('\n');
}
