/**
 * Run history: every finished run is indexed (an append-only JSONL file by default, see jsonl.ts;
 * PostgreSQL for a team, see postgres.ts), `reindex` rebuilds the index from the run directories, and
 * `deleteRun` removes a run's outputs while the index and the audit log keep the fact that it existed
 * and who removed it. Every function here closes the index it opens.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { GauntletError, UsageError } from '../../errors.js';
import type { RunSummary } from '../summary.js';
import { entryFromRunDir, entryFromSummary, whoAmI } from './entry.js';
import { HISTORY_FILE, JsonlRunIndex } from './jsonl.js';
import { isPostgresUrl, maskPassword, PgRunIndex, parsePgUrl } from './postgres.js';
import type { HistoryEntry, RunIndex } from './types.js';

export { auditFile, readAudit } from './audit.js';
export { entryFromRunDir, entryFromSummary, headlineMetrics } from './entry.js';
export { JsonlRunIndex } from './jsonl.js';
export { maskPassword, PgRunIndex } from './postgres.js';
export type {
  AuditRecord,
  DeletionInfo,
  HeadlineMetrics,
  HistoryEntry,
  HistoryQuery,
  RunIndex,
} from './types.js';

/** Where runs are stored when nothing says otherwise (the suite schema's `report.dir` default). */
export const DEFAULT_RUNS_DIR = '.gauntlet/runs';

/**
 * Which index to use: `db` (a `--db` flag or the suite's `report.history.db`), else `env.GAUNTLET_DB`,
 * else the JSONL file under the runs directory. `jsonl` names the file explicitly (to override
 * GAUNTLET_DB).
 */
export interface HistoryOptions {
  db?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

/** The history location `opts` selects: a postgres URL, or undefined for the JSONL file. */
export function historyDb(opts: HistoryOptions = {}): string | undefined {
  const db = opts.db || opts.env?.GAUNTLET_DB || undefined;
  if (db === undefined || db === 'jsonl') return undefined;
  if (isPostgresUrl(db)) {
    parsePgUrl(db); // a malformed URL or schema is a usage error now, not a warning at the run's end
    return db;
  }
  throw new UsageError(
    `the run history ${JSON.stringify(maskPassword(db))} is not one Gauntlet can use: pass postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME] (or postgresql://...) for PostgreSQL, or jsonl (the default) for ${DEFAULT_RUNS_DIR}/history.jsonl; set with --db, the suite's report.history.db, or GAUNTLET_DB`,
  );
}

/** The index of the runs under `runsRoot`. The one place that picks the implementation; close it after use. */
export function openRunIndex(runsRoot: string, opts: HistoryOptions = {}): RunIndex {
  const db = historyDb(opts);
  return db ? new PgRunIndex(db) : JsonlRunIndex.forRunsDir(path.resolve(runsRoot));
}

/** Runs `fn` with an open index and closes it, whatever happens. */
export async function withIndex<T>(
  runsRoot: string,
  opts: HistoryOptions,
  fn: (index: RunIndex) => Promise<T>,
): Promise<T> {
  const index = openRunIndex(runsRoot, opts);
  try {
    return await fn(index);
  } finally {
    await index.close();
  }
}

/**
 * Indexes a run that just finished. Never throws: the run and its summary are already stored, and a
 * history that cannot be written must not change the verdict; `runs reindex` can catch up later.
 */
export async function indexFinishedRun(
  runsRoot: string,
  runDir: string,
  summary: RunSummary,
  opts: HistoryOptions = {},
): Promise<void> {
  let where = path.join(path.resolve(runsRoot), HISTORY_FILE);
  let db: string | undefined;
  try {
    db = historyDb(opts);
    if (db) where = maskPassword(db);
    await withIndex(runsRoot, opts, async (index) => {
      where = index.location;
      await index.record(entryFromSummary(summary, runDir));
    });
  } catch (err) {
    // The URL as printed has no password: say so rather than print it.
    const flag = db ? ` --db '${where}'${db !== maskPassword(db) ? ' (with its password)' : ''}` : '';
    process.emitWarning(
      `gauntlet: the run was stored in ${path.resolve(runDir)} but not indexed in ${where} (${(err as Error).message}); once that is fixed, run \`gauntlet runs reindex --runs-dir '${path.resolve(runsRoot)}'${flag}\``,
    );
  }
}

const isRunDir = (dir: string) => existsSync(path.join(dir, 'run.json'));

/** Indexes every run directory under `runsRoot` that the index lacks or knows in an older state. */
export async function reindex(
  runsRoot: string,
  opts: HistoryOptions = {},
): Promise<{ added: HistoryEntry[]; scanned: number; location: string }> {
  const root = path.resolve(runsRoot);
  return withIndex(root, opts, async (index) => {
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
    return { added, scanned, location: index.location };
  });
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
  opts: HistoryOptions = {},
): Promise<{ id: string; dir?: string; entry?: HistoryEntry }> {
  const root = path.resolve(cwd, runsRoot);
  return withIndex(root, opts, (index) => findIn(index, root, ref, cwd));
}

async function findIn(
  index: RunIndex,
  root: string,
  ref: string,
  cwd: string,
): Promise<{ id: string; dir?: string; entry?: HistoryEntry }> {
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
      const indexed = await index.get(runId);
      return { id: runId, dir, ...(indexed ? { entry: indexed } : {}) };
    }
  }
  looked.push(index.location);
  const entry = id ? await index.get(id) : undefined;
  if (entry) return { id: entry.id, ...(isRunDir(entry.runDir) ? { dir: entry.runDir } : {}), entry };
  throw new GauntletError(
    'E_RUN_NOT_FOUND',
    `no run "${ref}": looked in ${looked.join(', ')}. List the runs with \`gauntlet runs --runs-dir DIR\`, or pass --runs-dir (and --db) where they are stored.`,
    { exitCode: 2 },
  );
}

/**
 * Deletes a run's stored outputs (they can hold model outputs, hence personal data), marks its index
 * entry deleted and appends an audit record. The index entry and the audit record are never removed.
 */
export async function deleteRun(
  runsRoot: string,
  ref: string,
  opts: HistoryOptions & { cwd: string; reason?: string },
): Promise<{ id: string; runDir: string; removed: boolean; auditLocation: string }> {
  const root = path.resolve(opts.cwd, runsRoot);
  return withIndex(root, opts, async (index) => {
    const found = await findIn(index, root, ref, opts.cwd);
    if (found.entry?.deleted && !found.dir) {
      throw new GauntletError(
        'E_RUN_DELETED',
        `run ${found.id} was already deleted on ${found.entry.deleted.at} by ${found.entry.deleted.by}; see \`gauntlet runs audit\``,
        { exitCode: 2 },
      );
    }
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
    await index.appendAudit({
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
    return { id: found.id, runDir, removed, auditLocation: index.auditLocation };
  });
}
