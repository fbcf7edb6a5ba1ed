/**
 * A run summary as JSON lines for dashboards and log pipelines: one `run` line, then one line per metric
 * series and one per check, each carrying the run id, suite and end time so a line stands on its own.
 */
import type { RunSummary } from '../../run/summary.js';

/** Renders the summary as JSON lines (ends with a line feed). */
export function toJsonLines(summary: RunSummary): string {
  const common = {
    runId: summary.runId,
    suite: summary.suite.name ?? summary.suite.file,
    suiteHash: summary.suite.hash,
    time: summary.endedAt,
  };
  const lines: unknown[] = [
    {
      type: 'run',
      ...common,
      verdict: summary.verdict,
      exitCode: summary.exitCode,
      complete: summary.complete,
      durationMs: summary.durationMs,
      counts: summary.counts,
      ...(summary.environment?.gitCommit ? { gitCommit: summary.environment.gitCommit } : {}),
    },
  ];
  for (const m of summary.metrics) {
    lines.push({
      type: 'metric',
      ...common,
      name: m.name,
      kind: m.kind,
      tags: m.tags,
      count: m.count,
      values: finite(m.values),
    });
  }
  for (const c of summary.checks) {
    lines.push({
      type: 'check',
      ...common,
      id: c.id,
      name: c.name,
      stage: c.stage,
      target: c.target,
      status: c.status,
      ...(c.priority ? { priority: c.priority } : {}),
      message: c.message,
    });
  }
  return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}

/** JSON has no NaN or Infinity: such values become null rather than silently 0. */
function finite(values: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
}
