/**
 * `gauntlet runs [list|show|reindex|delete|audit]`: the run history. Listing reads the index; `reindex`
 * adds runs made before the index existed; `delete` removes a run's outputs and leaves an audit line.
 * `--db postgres://...` (or GAUNTLET_DB) reads and writes the history in PostgreSQL instead of the file.
 * Exit 0 done, 2 bad usage, an unknown run or an unreachable history database.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDuration } from '../../config/duration.js';
import { UsageError } from '../../errors.js';
import {
  DEFAULT_RUNS_DIR,
  deleteRun,
  findRun,
  type HistoryEntry,
  type HistoryOptions,
  reindex,
  withIndex,
} from '../../run/history/index.js';
import type { RunSummary } from '../../run/summary.js';
import { reportError } from '../errors.js';
import { safeText, textTable, wholeNumber } from '../flags.js';
import type { CliIO } from '../io.js';

interface DirFlags {
  runsDir?: string;
  /** The history database (postgres://...); GAUNTLET_DB when absent, else the JSONL file. */
  db?: string;
}

const runsRoot = (io: CliIO, flags: DirFlags) => path.resolve(io.cwd, flags.runsDir ?? DEFAULT_RUNS_DIR);
const history = (io: CliIO, flags: DirFlags): HistoryOptions => ({ db: flags.db, env: io.env });
const when = (iso?: string) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');
const suiteOf = (e: HistoryEntry) => e.suite.name ?? path.basename(e.suite.file);

/** `gauntlet runs list`: newest first, one line per run. */
export async function runsListCommand(
  flags: DirFlags & { suite?: string; limit?: string; json?: boolean; all?: boolean },
  io: CliIO,
): Promise<number> {
  try {
    const limit = flags.limit === undefined ? undefined : wholeNumber('--limit', flags.limit, 20, 1);
    const { runs, location } = await withIndex(runsRoot(io, flags), history(io, flags), async (index) => ({
      runs: await index.list({
        ...(flags.suite ? { suite: flags.suite } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(flags.all ? { includeDeleted: true } : {}),
      }),
      location: index.location,
    }));
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      io.stdout.write(
        `no runs in ${location}; run \`gauntlet runs reindex\` to index runs made before the history existed\n`,
      );
      return 0;
    }
    const rows = [['ID', 'WHEN', 'SUITE', 'VERDICT', 'PASSED', 'FAILED', 'DURATION', 'COMMIT']];
    for (const r of runs) {
      rows.push([
        r.id,
        when(r.startedAt),
        safeText(suiteOf(r), 40),
        r.deleted ? 'deleted' : `${r.verdict}${r.complete ? '' : ' (incomplete)'}`,
        String(r.counts?.pass ?? '—'),
        String(r.counts ? r.counts.fail + r.counts.error : '—'),
        r.durationMs !== undefined ? formatDuration(r.durationMs) : '—',
        r.gitCommit ? `${r.gitCommit.slice(0, 7)}${r.gitDirty ? '+' : ''}` : '—',
      ]);
    }
    io.stdout.write(`${textTable(rows)}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** `gauntlet runs show ID`: the run's headline and where it came from. */
export async function runsShowCommand(
  ref: string,
  flags: DirFlags & { json?: boolean },
  io: CliIO,
): Promise<number> {
  try {
    const found = await findRun(runsRoot(io, flags), ref, io.cwd, history(io, flags));
    const summaryFile = found.dir ? path.join(found.dir, 'summary.json') : undefined;
    const summary =
      summaryFile && existsSync(summaryFile)
        ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary)
        : undefined;
    if (flags.json) {
      io.stdout.write(
        `${JSON.stringify({ entry: found.entry ?? null, headline: summary?.headline ?? null }, null, 2)}\n`,
      );
      return 0;
    }
    const e = found.entry;
    const lines = [`run ${found.id}: ${summary?.verdict ?? e?.verdict ?? 'unknown'}`];
    if (summary) lines.push(safeText(summary.headline));
    const suite = summary?.suite ?? e?.suite;
    if (suite)
      lines.push(
        `suite     ${safeText(suite.name ?? suite.file)} (${safeText(suite.file)}, hash ${suite.hash ?? '—'})`,
      );
    const started = summary?.startedAt ?? e?.startedAt;
    const ms = summary?.durationMs ?? e?.durationMs;
    lines.push(`started   ${when(started)}${ms !== undefined ? `, took ${formatDuration(ms)}` : ''}`);
    const counts = summary?.counts ?? e?.counts;
    if (counts)
      lines.push(
        `checks    ${counts.pass} passed, ${counts.fail} failed, ${counts.error} errors, ${counts.skip} skipped`,
      );
    for (const t of summary?.targets ?? e?.targets ?? [])
      lines.push(
        `target    ${safeText(t.name)} ${safeText(t.url)}${t.model ? ` (${safeText(t.model)})` : ''}`,
      );
    if (e?.gitCommit) lines.push(`commit    ${e.gitCommit}${e.gitDirty ? ' (dirty)' : ''}`);
    if (e?.user || e?.host) lines.push(`by        ${e.user ?? '?'} on ${e.host ?? '?'}`);
    if (e && e.complete === false)
      lines.push('complete  no (interrupted or crashed: what is stored is what was done)');
    if (e?.deleted)
      lines.push(
        `deleted   ${e.deleted.at} by ${e.deleted.by}${e.deleted.reason ? `: ${safeText(e.deleted.reason)}` : ''}`,
      );
    lines.push(`dir       ${found.dir ?? `${e?.runDir ?? '—'} (outputs removed)`}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** `gauntlet runs reindex`: indexes run directories the history lacks. */
export async function runsReindexCommand(flags: DirFlags, io: CliIO): Promise<number> {
  try {
    const root = runsRoot(io, flags);
    const { added, scanned, location } = await reindex(root, history(io, flags));
    io.stdout.write(
      `scanned ${scanned} run directories in ${root}; indexed ${added.length} in ${location}\n`,
    );
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** `gauntlet runs delete ID --yes`: removes a run's outputs, keeps its index row and audits it. */
export async function runsDeleteCommand(
  ref: string,
  flags: DirFlags & { yes?: boolean; reason?: string },
  io: CliIO,
): Promise<number> {
  try {
    const root = runsRoot(io, flags);
    if (!flags.yes) {
      const found = await findRun(root, ref, io.cwd, history(io, flags));
      throw new UsageError(
        `this deletes the stored outputs of run ${found.id} (${found.dir ?? 'already removed'}) for good; pass --yes to confirm`,
      );
    }
    const r = await deleteRun(root, ref, {
      ...history(io, flags),
      cwd: io.cwd,
      ...(flags.reason ? { reason: flags.reason } : {}),
    });
    io.stdout.write(
      `${r.removed ? `deleted ${r.runDir}` : `no files left at ${r.runDir}`}; run ${r.id} is marked deleted in the history and audited in ${r.auditLocation}\n`,
    );
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** `gauntlet runs audit`: the audit log, oldest first. */
export async function runsAuditCommand(flags: DirFlags & { json?: boolean }, io: CliIO): Promise<number> {
  try {
    const { records, location } = await withIndex(runsRoot(io, flags), history(io, flags), async (index) => ({
      records: await index.readAudit(),
      location: index.auditLocation,
    }));
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
      return 0;
    }
    if (records.length === 0) {
      io.stdout.write(`no audit records in ${location}\n`);
      return 0;
    }
    const rows = [['WHEN', 'ACTION', 'RUN', 'WHO', 'HOST', 'REASON']];
    for (const a of records)
      rows.push([a.at, a.action, a.runId, safeText(a.user), safeText(a.host), safeText(a.reason ?? '—', 60)]);
    io.stdout.write(`${textTable(rows)}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}
