/** Builds history entries from a finished run's summary, or from a run directory (for `runs reindex`). */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MetricSummary, RunSummary } from '../summary.js';
import type { HeadlineMetrics, HistoryEntry } from './types.js';

/** The user and host running this process; never throws (a container may have no passwd entry). */
export function whoAmI(): { user: string; host: string } {
  let user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // keep the environment's answer
  }
  return { user, host: os.hostname() };
}

const named = (m: MetricSummary, base: string) =>
  m.name === base || m.name.endsWith(`.${base}`) || m.name.endsWith(`_${base}`);

/** The largest value of `key` over series named `base` (the worst stage or target is the headline). */
function worst(metrics: readonly MetricSummary[], base: string, kind: string, key: string) {
  const values = metrics
    .filter((m) => m.kind === kind && named(m, base))
    .map((m) => m.values[key])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return values.length > 0 ? Math.max(...values) : undefined;
}

/** The per-run numbers worth a trend line, read from the summary's stages and metrics. */
export function headlineMetrics(summary: Pick<RunSummary, 'stages' | 'metrics'>): HeadlineMetrics {
  const byStage: Record<string, { pass: number; judged: number }> = {};
  for (const s of summary.stages ?? []) {
    const t = byStage[s.name] ?? { pass: 0, judged: 0 };
    byStage[s.name] = t;
    t.pass += s.counts.pass;
    t.judged += s.counts.pass + s.counts.fail + s.counts.error;
  }
  const passRateByStage: Record<string, number> = {};
  for (const [name, t] of Object.entries(byStage))
    if (t.judged > 0) passRateByStage[name] = t.pass / t.judged;
  const metrics = summary.metrics ?? [];
  const out: HeadlineMetrics = { passRateByStage };
  const ttft = worst(metrics, 'ttft', 'trend', 'p95');
  const e2e = worst(metrics, 'e2e', 'trend', 'p95');
  const tps = worst(metrics, 'output_tokens_per_s', 'gauge', 'value');
  const errorRate = worst(metrics, 'error_rate', 'rate', 'rate');
  if (ttft !== undefined) out.ttftP95Ms = ttft;
  if (e2e !== undefined) out.e2eP95Ms = e2e;
  if (tps !== undefined) out.outputTokensPerS = tps;
  if (errorRate !== undefined) out.errorRate = errorRate;
  return out;
}

/** A URL without `user:password@`: the index is read by more people than the run directory. */
function withoutUserinfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** The entry of a run that just finished, recorded by the process that ran it. */
export function entryFromSummary(
  summary: RunSummary,
  runDir: string,
  indexedBy: HistoryEntry['indexedBy'] = 'run',
  who: { user?: string; host?: string } = whoAmI(),
): HistoryEntry {
  const env = summary.environment;
  return {
    id: summary.runId,
    suite: { ...summary.suite },
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    durationMs: summary.durationMs,
    verdict: summary.verdict,
    exitCode: summary.exitCode,
    counts: summary.counts,
    targets: (summary.targets ?? []).map((t) => ({
      name: t.name,
      url: withoutUserinfo(t.url),
      ...(t.model ? { model: t.model } : {}),
    })),
    ...(env?.gitCommit ? { gitCommit: env.gitCommit } : {}),
    ...(env?.gitDirty !== undefined ? { gitDirty: env.gitDirty } : {}),
    ...(who.host ? { host: who.host } : {}),
    ...(who.user ? { user: who.user } : {}),
    ...(env?.gauntletVersion ? { gauntletVersion: env.gauntletVersion } : {}),
    runDir: path.resolve(runDir),
    complete: summary.complete,
    metrics: headlineMetrics(summary),
    indexedAt: new Date().toISOString(),
    indexedBy,
  };
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The entry of a run directory, or undefined when it is not one. A directory without a readable
 * summary (crashed before the end) is indexed as incomplete from `run.json`.
 */
export function entryFromRunDir(runDir: string): HistoryEntry | undefined {
  const runFile = path.join(runDir, 'run.json');
  const summaryFile = path.join(runDir, 'summary.json');
  if (existsSync(summaryFile)) {
    try {
      return entryFromSummary(readJson(summaryFile) as RunSummary, runDir, 'reindex', {});
    } catch {
      // an unreadable summary is treated like a missing one
    }
  }
  if (!existsSync(runFile)) return undefined;
  let meta: { id?: string; suite?: string; startedAt?: string } = {};
  try {
    meta = readJson(runFile) as typeof meta;
  } catch {
    // a torn run.json still names a run directory
  }
  return {
    id: meta.id ?? path.basename(runDir),
    suite: { file: meta.suite ?? 'unknown' },
    ...(meta.startedAt ? { startedAt: meta.startedAt } : {}),
    verdict: 'unknown',
    targets: [],
    runDir: path.resolve(runDir),
    complete: false,
    metrics: { passRateByStage: {} },
    indexedAt: new Date().toISOString(),
    indexedBy: 'reindex',
  };
}
