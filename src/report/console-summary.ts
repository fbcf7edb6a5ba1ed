/**
 * The end of the console report: what a person scrolls back to. Stage table, gates, each failure with the
 * evidence and the curl line to reproduce it, then the verdict last, where the eye lands.
 */
import { relative } from 'node:path';
import type pc from 'picocolors';
import type { CheckResult, CheckStatus, StageStatus } from '../run/events.js';
import type { GateResult, RunSummary, Verdict } from '../run/summary.js';
import { evidenceItems, failedResults, formatDuration, formatNumber, statusSymbols } from './format.js';
import { sanitizeLine, sanitizeTerminal, truncate } from './sanitize.js';
import { renderTable } from './table.js';

/** The colour functions in use: real ones, or identity functions when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;

/** How long an excerpt or a details blob may be on a terminal before it is cut. */
export const EXCERPT_LIMIT = 300;

export interface RunEndOptions {
  c: Colors;
  verbosity: number;
  runDir: string;
  /** Files the run produced, shown relative to the run directory when inside it. */
  files: readonly string[];
}

/** The lines printed when a run ends; at verbosity 0 only the failures and the verdict. */
export function renderRunEnd(
  summary: RunSummary,
  results: readonly CheckResult[],
  opts: RunEndOptions,
): string[] {
  const { c } = opts;
  const lines: string[] = [];
  if (opts.verbosity >= 1) {
    lines.push(...stageTable(summary, c), '');
    if (summary.gates.length > 0) lines.push(...gateTable(summary.gates, c), '');
  }
  const failed = failedResults(results);
  if (failed.length > 0) {
    lines.push(c.bold(`Failures (${failed.length})`));
    for (const r of failed) lines.push(...failureBlock(r, c), '');
  }
  lines.push(...verdictLines(summary, opts));
  return lines;
}

function stageTable(summary: RunSummary, c: Colors): string[] {
  const columns = [
    { header: 'stage' },
    { header: 'target' },
    { header: 'passed', align: 'right' as const },
    { header: 'failed', align: 'right' as const },
    { header: 'errors', align: 'right' as const },
    { header: 'skipped', align: 'right' as const },
    { header: 'duration', align: 'right' as const },
  ];
  const rows = summary.stages.map((s) => [
    `${stageSymbol(s.status, c)} ${sanitizeLine(s.name)}`,
    sanitizeLine(s.target),
    String(s.counts.pass),
    s.counts.fail > 0 ? c.red(String(s.counts.fail)) : '0',
    s.counts.error > 0 ? c.yellow(String(s.counts.error)) : '0',
    String(s.counts.skip),
    formatDuration(s.durationMs),
  ]);
  return [c.bold('Stages'), ...renderTable(columns, rows, c.dim).map((l) => `  ${l}`)];
}

function gateTable(gates: readonly GateResult[], c: Colors): string[] {
  const withTarget = gates.some((g) => g.target !== undefined);
  const columns = [
    { header: 'metric' },
    ...(withTarget ? [{ header: 'target' }] : []),
    { header: 'threshold' },
    { header: 'observed', align: 'right' as const },
    { header: 'result' },
  ];
  const rows = gates.map((g) => [
    sanitizeLine(g.metric),
    ...(withTarget ? [sanitizeLine(g.target ?? '-')] : []),
    sanitizeLine(g.threshold),
    formatNumber(g.observed),
    g.status === 'pass' ? c.green('PASS') : g.status === 'fail' ? c.red(c.bold('FAIL')) : c.dim('SKIP'),
  ]);
  const lines = [c.bold('Gates'), ...renderTable(columns, rows, c.dim).map((l) => `  ${l}`)];
  // The table says which gate failed; the message says by how much, which is what a reader asks next.
  for (const g of gates.filter((gate) => gate.status === 'fail')) {
    lines.push(`  ${c.red(statusSymbols.fail)} ${sanitizeLine(g.metric)}: ${sanitizeLine(g.message)}`);
  }
  return lines;
}

/** One failed check with its message and evidence, compact enough to scan. */
export function failureBlock(r: CheckResult, c: Colors): string[] {
  const priority = r.priority ? c.dim(` [${r.priority}]`) : '';
  const title = `${sanitizeLine(r.stage)} › ${sanitizeLine(r.target)} › ${sanitizeLine(r.name)}`;
  const lines = [`${checkSymbol(r.status, c)} ${c.bold(title)}${priority}`];
  lines.push(...indent(truncate(sanitizeTerminal(r.message), EXCERPT_LIMIT), 4));
  for (const item of evidenceItems(r.evidence)) {
    const label = c.dim(item.label.padEnd(9));
    // The curl line is kept whole and with its line breaks: it is only useful if it can be pasted.
    const value =
      item.label === 'curl'
        ? c.cyan(sanitizeTerminal(item.value))
        : truncate(sanitizeLine(item.value), EXCERPT_LIMIT);
    lines.push(`    ${label}${value}`);
  }
  return lines;
}

function verdictLines(summary: RunSummary, opts: RunEndOptions): string[] {
  const { c } = opts;
  const lines = [c.bold(sanitizeLine(summary.headline))];
  lines.push(
    `${verdictLabel(summary.verdict, c)} ${c.dim(`exit ${summary.exitCode} · ${formatDuration(summary.durationMs)}`)}`,
  );
  if (!summary.complete) {
    lines.push(
      c.yellow(`incomplete run: ${sanitizeLine(summary.incompleteReason ?? 'stopped before the end')}`),
    );
  }
  if (summary.error) lines.push(c.red(`${summary.error.code}: ${sanitizeLine(summary.error.message)}`));
  lines.push(`${c.dim('run dir')}  ${sanitizeLine(opts.runDir)}`);
  if (opts.files.length > 0) {
    const shown = opts.files.map((f) => {
      const rel = relative(opts.runDir, f);
      return sanitizeLine(rel === '' || rel.startsWith('..') ? f : rel);
    });
    lines.push(`${c.dim('files')}    ${shown.join(', ')}`);
  }
  return lines;
}

/** `PASS` / `FAIL` / `ERROR`, coloured so the verdict is the first thing seen. */
export function verdictLabel(verdict: Verdict, c: Colors): string {
  if (verdict === 'pass') return c.bold(c.green('PASS'));
  if (verdict === 'fail') return c.bold(c.red('FAIL'));
  return c.bold(c.inverse(c.red('ERROR')));
}

/** The coloured symbol for a check status. */
export function checkSymbol(status: CheckStatus, c: Colors): string {
  const symbol = statusSymbols[status];
  if (status === 'pass') return c.green(symbol);
  if (status === 'fail') return c.red(symbol);
  if (status === 'error') return c.yellow(symbol);
  return c.dim(symbol);
}

/** The coloured symbol for a stage's outcome. */
export function stageSymbol(status: StageStatus, c: Colors): string {
  return checkSymbol(status === 'skipped' ? 'skip' : status, c);
}

/** Indents every line of already-sanitized text. */
export function indent(text: string, spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => pad + l);
}
