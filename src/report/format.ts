/** Formatting shared by every reporter, so a duration or a piece of evidence reads the same everywhere. */
import { basename } from 'node:path';
import type { CheckResult, CheckStatus, Evidence } from '../run/events.js';
import type { Counts, RunSummary, StageSummary } from '../run/summary.js';

/** `850ms`, `1.24s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** An observed gate value: integers as they are, fractions to four significant digits, no exponent. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '-';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** The suite's display name: its `name`, else the file it came from. */
export function suiteName(summary: RunSummary): string {
  return summary.suite.name ?? basename(summary.suite.file);
}

/** The symbol each check status is shown with, in every text report. */
export const statusSymbols: Record<CheckStatus, string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };

/** Counts of a list of results, in the shape of `RunSummary.counts`. */
export function countResults(results: readonly CheckResult[]): Counts {
  const counts: Counts = { total: 0, pass: 0, fail: 0, error: 0, skip: 0 };
  for (const r of results) {
    counts.total++;
    counts[r.status]++;
  }
  return counts;
}

/** `3 passed, 1 failed, 1 error`: zero counts are left out; `no checks` when nothing ran. */
export function formatCounts(counts: Counts): string {
  if (counts.total === 0) return 'no checks';
  const parts: string[] = [];
  if (counts.pass > 0) parts.push(`${counts.pass} passed`);
  if (counts.fail > 0) parts.push(`${counts.fail} failed`);
  if (counts.error > 0) parts.push(`${counts.error} error${counts.error === 1 ? '' : 's'}`);
  if (counts.skip > 0) parts.push(`${counts.skip} skipped`);
  return parts.join(', ');
}

/** The results of one stage run against one target. */
export interface StageGroup {
  stage: string;
  target: string;
  /** Undefined when results name a stage the summary does not list (a crashed run). */
  summary: StageSummary | undefined;
  results: CheckResult[];
}

/** Results grouped by (stage, target) in the summary's stage order; stray results keep arrival order. */
export function groupByStage(summary: RunSummary, results: readonly CheckResult[]): StageGroup[] {
  const groups = new Map<string, StageGroup>();
  for (const s of summary.stages) {
    groups.set(stageKey(s.name, s.target), { stage: s.name, target: s.target, summary: s, results: [] });
  }
  for (const r of results) {
    const key = stageKey(r.stage, r.target);
    let group = groups.get(key);
    if (!group) {
      group = { stage: r.stage, target: r.target, summary: undefined, results: [] };
      groups.set(key, group);
    }
    group.results.push(r);
  }
  return [...groups.values()];
}

/** A map key for a (stage, target) pair; NUL keeps `a.b`+`c` apart from `a`+`b.c`. */
export function stageKey(stage: string, target: string): string {
  return `${stage}\u0000${target}`;
}

/** Whether the run involved more than one target, in which case names carry the target. */
export function hasManyTargets(summary: RunSummary, results: readonly CheckResult[]): boolean {
  const names = new Set<string>(summary.targets.map((t) => t.name));
  for (const s of summary.stages) names.add(s.target);
  for (const r of results) names.add(r.target);
  return names.size > 1;
}

/** Results that need a reader's attention: failures and errors. */
export function failedResults(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.status === 'fail' || r.status === 'error');
}

/** JSON that never throws: circular references and BigInts are written as text instead. */
export function safeJson(value: unknown, indent?: number): string {
  // The chain of objects above the value being written; a value already on it is a cycle (MDN's recipe).
  const ancestors: unknown[] = [];
  function replacer(this: unknown, _key: string, v: unknown): unknown {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object' || v === null) return v;
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(v)) return '[circular]';
    ancestors.push(v);
    return v;
  }
  try {
    return JSON.stringify(value, replacer, indent) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One labelled piece of evidence; `multiline` values read better as a block than after a label. */
export interface EvidenceItem {
  label: 'request' | 'response' | 'excerpt' | 'details' | 'curl';
  value: string;
  multiline: boolean;
}

/** Evidence in reading order: what was sent, what came back, the numbers, how to reproduce it. */
export function evidenceItems(
  evidence: Evidence | undefined,
  options: { prettyDetails?: boolean } = {},
): EvidenceItem[] {
  if (!evidence) return [];
  const items: EvidenceItem[] = [];
  const { request, response, details, curl } = evidence;
  if (request) items.push({ label: 'request', value: `${request.method} ${request.url}`, multiline: false });
  if (response?.status !== undefined) {
    items.push({ label: 'response', value: `HTTP ${response.status}`, multiline: false });
  }
  if (response?.excerpt !== undefined && response.excerpt !== '') {
    items.push({ label: 'excerpt', value: response.excerpt, multiline: response.excerpt.includes('\n') });
  }
  if (details && Object.keys(details).length > 0) {
    const pretty = options.prettyDetails === true;
    items.push({ label: 'details', value: safeJson(details, pretty ? 2 : undefined), multiline: pretty });
  }
  if (curl) items.push({ label: 'curl', value: curl, multiline: false });
  return items;
}
