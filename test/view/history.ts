/** Synthetic run histories for the viewer tests: stored runs (see stored-runs.ts) indexed like real ones. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entryFromRunDir, openRunIndex } from '../../src/run/history/index.js';
import type { Counts, RunSummary } from '../../src/run/summary.js';
import { runsDir, writeRun } from '../report/compare/stored-runs.js';

export interface RunSpec {
  id: string;
  ttftMs: number;
  suite?: string;
  counts?: Partial<Counts>;
  startedAt: string;
}

/** A runs directory holding these runs, each indexed in history.jsonl. */
export async function writeHistory(specs: RunSpec[]): Promise<string> {
  const root = runsDir();
  const index = openRunIndex(root);
  for (const [i, s] of specs.entries()) {
    const dir = writeRun(root, s.id, i + 1, [{ name: 'default', ttftMs: s.ttftMs, cases: 50 }]);
    const file = path.join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
    const counts = { total: 10, pass: 10, fail: 0, error: 0, skip: 0, ...s.counts };
    const patched: RunSummary = {
      ...summary,
      suite: { ...summary.suite, ...(s.suite ? { name: s.suite } : {}) },
      startedAt: s.startedAt,
      counts,
      verdict: counts.fail + counts.error > 0 ? 'fail' : 'pass',
      stages: [{ name: 'load', kind: 'load', target: 'default', status: 'pass', durationMs: 5, counts }],
      metrics: [
        {
          name: 'ttft',
          kind: 'trend',
          tags: { stage: 'load' },
          count: 1,
          values: { p95: s.ttftMs * 1.2, med: s.ttftMs },
        },
      ],
    } as RunSummary;
    writeFileSync(file, JSON.stringify(patched));
    // What marks a run directory (gauntlet runs delete looks for it).
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ runId: s.id }));
    const entry = entryFromRunDir(dir);
    if (entry) await index.record(entry);
  }
  await index.close();
  return root;
}
