/**
 * The markdown reporter: `report.md`, meant for a pull-request comment or a CI job summary. Verdict first,
 * then the tables, then each failure with its evidence, then the environment to trust the numbers by.
 */
import type { CheckResult } from '../run/events.js';
import type { GateResult, RunSummary, StageSummary, Verdict } from '../run/summary.js';
import { failedResults, formatDuration, formatNumber, safeJson, statusSymbols, suiteName } from './format.js';
import { mdCode, mdFence, mdInline, mdRow } from './markdown-text.js';
import { writeReport } from './output.js';
import { tableMarkdown } from './stage-tables.js';
import type { ReporterFactory } from './types.js';

/** Writes `report.md` (or the path the user gave) at the end of the run. */
export const markdownReporter: ReporterFactory = (ctx) => ({
  async onRunEnd(summary, results) {
    return [await writeReport(ctx, 'report.md', renderMarkdown(summary, results))];
  },
});

/** Renders a run as a markdown document. */
export function renderMarkdown(summary: RunSummary, results: readonly CheckResult[]): string {
  const sections = [
    header(summary),
    stagesSection(summary.stages),
    summary.tables.length ? ['## Tables', ...summary.tables.map(tableMarkdown)].join('\n\n') : '',
    gatesSection(summary.gates),
    failuresSection(failedResults(results)),
    environmentSection(summary),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** Code spans inside table cells need their pipes escaped. */
const cell = { inTable: true };

const verdictBadge: Record<Verdict, string> = {
  pass: '✅ **PASS**',
  fail: '❌ **FAIL**',
  error: '💥 **ERROR**',
};

function header(summary: RunSummary): string {
  const lines = [
    `# Gauntlet: ${mdInline(suiteName(summary))}`,
    '',
    `${verdictBadge[summary.verdict]} · ${mdInline(summary.headline)}`,
  ];
  lines.push(
    '',
    `Run ${mdCode(summary.runId)} · started ${mdInline(summary.startedAt)} · ${formatDuration(summary.durationMs)} · exit ${summary.exitCode}`,
  );
  if (!summary.complete) {
    lines.push('', `> ⚠️ Incomplete run: ${mdInline(summary.incompleteReason ?? 'stopped before the end')}`);
  }
  if (summary.error) lines.push('', `> ${mdCode(summary.error.code)} ${mdInline(summary.error.message)}`);
  return lines.join('\n');
}

function stagesSection(stages: readonly StageSummary[]): string {
  if (stages.length === 0) return '';
  const rows = stages.map((s) =>
    mdRow([
      mdInline(s.name),
      mdInline(s.target),
      `${stageIcon(s.status)} ${s.status}`,
      String(s.counts.pass),
      String(s.counts.fail),
      String(s.counts.error),
      String(s.counts.skip),
      formatDuration(s.durationMs),
    ]),
  );
  return [
    '## Stages',
    '',
    mdRow(['Stage', 'Target', 'Status', 'Passed', 'Failed', 'Errors', 'Skipped', 'Duration']),
    mdRow(['---', '---', '---', '--:', '--:', '--:', '--:', '--:']),
    ...rows,
  ].join('\n');
}

function gatesSection(gates: readonly GateResult[]): string {
  if (gates.length === 0) return '';
  const rows = gates.map((g) =>
    mdRow([
      mdCode(g.metric, cell),
      g.target === undefined ? '' : mdInline(g.target),
      mdCode(g.threshold, cell),
      formatNumber(g.observed),
      g.status === 'pass' ? '✅ PASS' : g.status === 'fail' ? '❌ FAIL' : '⏭️ SKIP',
      mdInline(g.message),
    ]),
  );
  return [
    '## Gates',
    '',
    mdRow(['Metric', 'Target', 'Threshold', 'Observed', 'Result', 'Message']),
    mdRow(['---', '---', '---', '--:', '---', '---']),
    ...rows,
  ].join('\n');
}

function failuresSection(failed: readonly CheckResult[]): string {
  if (failed.length === 0) return '';
  return [`## Failures (${failed.length})`, ...failed.map(failureBlock)].join('\n\n');
}

function failureBlock(r: CheckResult): string {
  const title = `### ${statusSymbols[r.status]} ${mdInline(r.stage)} › ${mdInline(r.target)} › ${mdInline(r.name)}`;
  const meta = [
    r.status === 'error' ? '**error**' : '**failed**',
    mdCode(r.id),
    formatDuration(r.durationMs),
  ];
  if (r.priority) meta.push(r.priority);
  // The label keeps a message such as `- item` or `---` from starting a list or a rule.
  const parts = [title, meta.join(' · '), `**Message:** ${mdInline(r.message)}`];
  const ev = r.evidence;
  if (ev?.request) parts.push(`**Request:** ${mdCode(`${ev.request.method} ${ev.request.url}`)}`);
  if (ev?.response?.status !== undefined) parts.push(`**Response:** HTTP ${ev.response.status}`);
  if (ev?.response?.excerpt) parts.push(`**Response excerpt:**\n\n${mdFence(ev.response.excerpt, 'text')}`);
  if (ev?.details && Object.keys(ev.details).length > 0) {
    parts.push(`**Details:**\n\n${mdFence(safeJson(ev.details, 2), 'json')}`);
  }
  if (ev?.curl) parts.push(`**Reproduce:**\n\n${mdFence(ev.curl, 'sh')}`);
  return parts.join('\n\n');
}

function environmentSection(summary: RunSummary): string {
  const env = summary.environment;
  const commit = env.gitCommit
    ? `${mdCode(env.gitCommit, cell)}${env.gitDirty ? ' (uncommitted changes)' : ''}`
    : 'unknown';
  const rows = [
    ['Gauntlet', mdInline(env.gauntletVersion)],
    ['Node', mdInline(env.node)],
    ['OS', mdInline(`${env.os} ${env.arch}`)],
    ['CPU', mdInline(`${env.cpuModel} × ${env.cpus}`)],
    ['Memory', `${env.memoryMb} MB`],
    ['Git commit', commit],
    ['Suite', `${mdCode(summary.suite.file, cell)} (${mdCode(summary.suite.hash.slice(0, 12), cell)})`],
  ].map(mdRow);
  const lines = ['## Environment', '', mdRow(['', '']), mdRow(['---', '---']), ...rows];
  if (summary.targets.length > 0) {
    lines.push('', mdRow(['Target', 'URL', 'Model', 'Server']), mdRow(['---', '---', '---', '---']));
    for (const t of summary.targets) {
      lines.push(
        mdRow([
          mdInline(t.name),
          mdCode(t.url, cell),
          t.model ? mdInline(t.model) : '',
          t.serverVersion ? mdInline(t.serverVersion) : '',
        ]),
      );
    }
  }
  return lines.join('\n');
}

function stageIcon(status: StageSummary['status']): string {
  if (status === 'pass') return '✅';
  if (status === 'fail') return '❌';
  if (status === 'error') return '💥';
  return '⏭️';
}
