/**
 * Run history: every finished run is indexed (see jsonl.ts for the store and why), `reindex` rebuilds the
 * index from the run directories, and `deleteRun` removes a run's outputs while the index and the audit
 * log keep the fact that it existed and who removed it.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { GauntletError } from '../../errors.js';
import type { RunSummary } from '../summary.js';
import { appendAudit } from './audit.js';
import { entryFromRunDir, entryFromSummary, whoAmI } from './entry.js';
import { JsonlRunIndex } from './jsonl.js';
import type { HistoryEntry, RunIndex } from './types.js';

export { type AuditRecord, auditFile, readAudit } from './audit.js';
export { entryFromRunDir, entryFromSummary, headlineMetrics } from './entry.js';
export { JsonlRunIndex } from './jsonl.js';
export type { DeletionInfo, HeadlineMetrics, HistoryEntry, HistoryQuery, RunIndex } from './types.js';

/** Where runs are stored when nothing says otherwise (the suite schema's `report.dir` default). */
export const DEFAULT_RUNS_DIR = '.gauntlet/runs';

/** The index of the runs under `runsRoot`. The one place that picks the implementation. */
export function openRunIndex(runsRoot: string): RunIndex {
  return JsonlRunIndex.forRunsDir(path.resolve(runsRoot));
}

/**
 * Indexes a run that just finished. Never throws: the run and its summary are already stored, and a
 * history that cannot be written must not change the verdict; `runs reindex` can catch up later.
 */
export async function indexFinishedRun(runsRoot: string, runDir: string, summary: RunSummary): Promise<void> {
  try {
    await openRunIndex(runsRoot).record(entryFromSummary(summary, runDir));
  } catch (err) {
    process.emitWarning(
      `gauntlet: the run was stored but not indexed (${(err as Error).message}); run \`gauntlet runs reindex\``,
    );
  }
}

const isRunDir = (dir: string) => existsSync(path.join(dir, 'run.json'));

/** Indexes every run directory under `runsRoot` that the index lacks or knows in an older state. */
export async function reindex(runsRoot: string): Promise<{ added: HistoryEntry[]; scanned: number }> {
  const root = path.resolve(runsRoot);
  const index = openRunIndex(root);
  const known = new Map((await index.list({ includeDeleted: true })).map((e) => [e.id, e]));
  const added: HistoryEntry[] = [];
  let scanned = 0;
  const names = existsSync(root) ? readdirSync(root, { withFileTypes: true }) : [];
  for (const d of names) {
    if (!d.isDirectory()) continue;
    const dir = path.join(root, d.name);
    const entry = entryFromRunDir(dir);
    if (!entry) continue;
    scanned++;
    const old = known.get(entry.id);
    // An entry written at the run's end keeps who ran it: only runs the index lacks, or knew without a
    // summary (still running, or crashed) and that have one now, are (re)indexed.
    if (old && !(old.verdict === 'unknown' && entry.verdict !== 'unknown')) continue;
    await index.record(entry);
    added.push(entry);
  }
  return { added, scanned };
}

/** The id `latest` points at, if any (a symlink, or a file holding the id where links are not allowed). */
function latestId(root: string): string | undefined {
  const link = path.join(root, 'latest');
  try {
    return path.basename(readlinkSync(link));
  } catch {
    try {
      return readFileSync(link, 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Finds a run by id, `latest` or path. Returns its directory and index entry (either may be missing for a
 * deleted or never-indexed run, not both); throws exit 2 naming every place it looked.
 */
export async function findRun(
  runsRoot: string,
  ref: string,
  cwd: string,
): Promise<{ id: string; dir?: string; entry?: HistoryEntry }> {
  const root = path.resolve(cwd, runsRoot);
  const looked: string[] = [];
  const id = ref === 'latest' ? latestId(root) : ref;
  if (ref === 'latest') looked.push(path.join(root, 'latest'));
  const candidates = id ? [path.resolve(cwd, id), path.join(root, id)] : [];
  for (const dir of candidates) {
    if (looked.includes(dir)) continue;
    looked.push(dir);
    if (existsSync(dir) && statSync(dir).isDirectory() && isRunDir(dir)) {
      const entry = entryFromRunDir(dir);
      const runId = entry?.id ?? path.basename(dir);
      return { id: runId, dir, ...(await indexEntry(root, runId)) };
    }
  }
  const index = openRunIndex(root);
  looked.push(index.location);
  const entry = id ? await index.get(id) : undefined;
  if (entry) return { id: entry.id, ...(isRunDir(entry.runDir) ? { dir: entry.runDir } : {}), entry };
  throw new GauntletError(
    'E_RUN_NOT_FOUND',
    `no run "${ref}": looked in ${looked.join(', ')}. List the runs with \`gauntlet runs --runs-dir DIR\`, or pass --runs-dir where they are stored.`,
    { exitCode: 2 },
  );
}

async function indexEntry(root: string, id: string): Promise<{ entry?: HistoryEntry }> {
  const entry = await openRunIndex(root).get(id);
  return entry ? { entry } : {};
}

/**
 * Deletes a run's stored outputs (they can hold model outputs, hence personal data), marks its index
 * entry deleted and appends an audit line. The index entry and the audit line are never removed.
 */
export async function deleteRun(
  runsRoot: string,
  ref: string,
  opts: { cwd: string; reason?: string },
): Promise<{ id: string; runDir: string; removed: boolean }> {
  const root = path.resolve(opts.cwd, runsRoot);
  const found = await findRun(root, ref, opts.cwd);
  if (found.entry?.deleted && !found.dir) {
    throw new GauntletError(
      'E_RUN_DELETED',
      `run ${found.id} was already deleted on ${found.entry.deleted.at} by ${found.entry.deleted.by}; see \`gauntlet runs audit\``,
      { exitCode: 2 },
    );
  }
  const index = openRunIndex(root);
  // A run never indexed (made before the index existed) is indexed first, so the deletion has a row to mark.
  let entry = found.entry;
  if (!entry && found.dir) {
    entry = entryFromRunDir(found.dir);
    if (entry) await index.record(entry);
  }
  const runDir = found.dir ?? entry?.runDir ?? path.join(root, found.id);
  let removed = false;
  if (found.dir && isRunDir(found.dir)) {
    rmSync(found.dir, { recursive: true, force: true });
    removed = true;
    if (latestId(root) === path.basename(found.dir)) rmSync(path.join(root, 'latest'), { force: true });
  }
  const { user, host } = whoAmI();
  const at = new Date().toISOString();
  await index.markDeleted(found.id, { at, by: user, ...(opts.reason ? { reason: opts.reason } : {}) });
  appendAudit(root, {
    at,
    action: 'delete',
    runId: found.id,
    user,
    host,
    runDir,
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(entry?.suite.file ? { suite: entry.suite.name ?? entry.suite.file } : {}),
    ...(entry?.suite.hash ? { suiteHash: entry.suite.hash } : {}),
    ...(entry?.gitCommit ? { gitCommit: entry.gitCommit } : {}),
  });
  return { id: found.id, runDir, removed };
}
