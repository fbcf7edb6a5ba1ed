/**
 * What the viewer shows, read from the run history and the stored runs: the run list, one run, a comparison
 * of two runs and the trends of a suite with its fired alerts. Shared by the pages and the JSON API.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Comparison, compareRuns } from '../report/compare/compare.js';
import { loadRun } from '../report/compare/runs.js';
import type { HistoryEntry, RunIndex } from '../run/history/types.js';
import type { RunSummary } from '../run/summary.js';
import { ALERT_METRICS, type AlertRule, evaluateAlerts, type FiredAlert, suiteKey } from './alerts.js';

/** A request for something that is not there (404) or a malformed one (400). */
export class ViewError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** One row of the run list. */
export interface RunRow {
  id: string;
  suite: string;
  verdict: string;
  startedAt?: string;
  durationMs?: number;
  counts?: HistoryEntry['counts'];
  passRate?: number;
  ttftP95Ms?: number;
  outputTokensPerS?: number;
  gitCommit?: string;
  gitDirty?: boolean;
  user?: string;
  host?: string;
  complete: boolean;
  /** The run's files are gone (`gauntlet runs delete`): no detail, no comparison. */
  deleted: boolean;
}

/** One point of a suite's trend. */
export interface TrendPoint {
  runId: string;
  startedAt?: string;
  verdict: string;
  passRate?: number;
  ttftP95Ms?: number;
  outputTokensPerS?: number;
}

export interface Trends {
  suite: string;
  suites: string[];
  rules: string[];
  points: TrendPoint[];
  alerts: FiredAlert[];
}

/** Share of passed checks among judged ones: the same number the `pass_rate` alert rules watch. */
const passRate = ALERT_METRICS.pass_rate.of;

const opt = <K extends string, V>(key: K, v: V | undefined) =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;

function row(e: HistoryEntry): RunRow {
  return {
    id: e.id,
    suite: suiteKey(e),
    verdict: e.verdict,
    complete: e.complete,
    deleted: Boolean(e.deleted),
    ...opt('startedAt', e.startedAt),
    ...opt('durationMs', e.durationMs),
    ...opt('counts', e.counts),
    ...opt('passRate', passRate(e)),
    ...opt('ttftP95Ms', e.metrics?.ttftP95Ms),
    ...opt('outputTokensPerS', e.metrics?.outputTokensPerS),
    ...opt('gitCommit', e.gitCommit),
    ...opt('gitDirty', e.gitDirty),
    ...opt('user', e.user),
    ...opt('host', e.host),
  };
}

/** The viewer's read-only access to the history. */
export class ViewData {
  constructor(
    private readonly index: RunIndex,
    readonly rules: readonly AlertRule[],
  ) {}

  /** Runs newest first, optionally of one suite (by name or file). */
  async runs(suite?: string): Promise<{ runs: RunRow[]; suites: string[] }> {
    const all = await this.index.list({ includeDeleted: true });
    const suites = [...new Set(all.map(suiteKey))].sort();
    // By the name the list shows; a suite file's path also works when no suite is named like it.
    const byName = all.filter((e) => suiteKey(e) === suite);
    const picked = !suite ? all : byName.length > 0 ? byName : all.filter((e) => e.suite.file === suite);
    return { runs: picked.map(row), suites };
  }

  /** One run's index entry, and its summary while its files exist. */
  async run(id: string): Promise<{ entry: HistoryEntry; row: RunRow; summary?: RunSummary }> {
    const entry = await this.entry(id);
    const file = path.join(entry.runDir, 'summary.json');
    const summary = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunSummary) : undefined;
    return { entry, row: row(entry), ...(summary ? { summary } : {}) };
  }

  /** The directory of a run whose files still exist (for its report). */
  async runDir(id: string): Promise<string> {
    const entry = await this.entry(id);
    if (!existsSync(path.join(entry.runDir, 'summary.json'))) {
      throw new ViewError(404, `run ${id} has no stored summary (deleted, or it crashed before the end)`);
    }
    return entry.runDir;
  }

  /** A statistical comparison of two runs (current against base). */
  async compare(baseId: string | null, currentId: string | null): Promise<Comparison> {
    if (!baseId || !currentId) throw new ViewError(400, 'pick two runs: ?base=RUN_ID&current=RUN_ID');
    const [base, current] = await Promise.all([this.runDir(baseId), this.runDir(currentId)]);
    return compareRuns(loadRun(base), loadRun(current));
  }

  /** A suite's runs oldest first with their headline numbers, and the alerts fired on them. */
  async trends(suite?: string | null): Promise<Trends> {
    const all = (await this.index.list({ includeDeleted: true })).filter((e) => e.verdict !== 'unknown');
    const suites = [...new Set(all.map(suiteKey))].sort();
    // Without a choice: the suite of the newest run.
    const name = suite || (all[0] ? suiteKey(all[0]) : '');
    if (suite && !suites.includes(suite))
      throw new ViewError(404, `no runs of suite ${JSON.stringify(suite)}`);
    const runs = all
      .filter((e) => suiteKey(e) === name)
      .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
    return {
      suite: name,
      suites,
      rules: this.rules.map((r) => r.text),
      points: runs.map((e) => ({
        runId: e.id,
        verdict: e.verdict,
        ...opt('startedAt', e.startedAt),
        ...opt('passRate', passRate(e)),
        ...opt('ttftP95Ms', e.metrics?.ttftP95Ms),
        ...opt('outputTokensPerS', e.metrics?.outputTokensPerS),
      })),
      alerts: evaluateAlerts(this.rules, runs),
    };
  }

  private async entry(id: string): Promise<HistoryEntry> {
    const entry = await this.index.get(id);
    if (!entry) throw new ViewError(404, `no run ${JSON.stringify(id)} in the history`);
    return entry;
  }
}
