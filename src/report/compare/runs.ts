/**
 * Finding and reading stored runs for a comparison: a run id (or a unique prefix of one), a run directory,
 * `latest`, or `last-passing` (the newest passed run other than the one compared against it).
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { GauntletError } from '../../errors.js';
import type { RunEvent } from '../../run/events.js';
import type { RunSummary } from '../../run/summary.js';

export interface StoredRun {
  dir: string;
  summary: RunSummary;
  /** The events of results.jsonl that a comparison reads (artifacts and eval cases). */
  events: RunEvent[];
}

/** A missing or unreadable run: exit 2, saying what was asked for and where Gauntlet looked. */
export class RunNotFoundError extends GauntletError {
  constructor(message: string) {
    super('E_RUN_NOT_FOUND', message, { exitCode: 2 });
  }
}

const hasSummary = (dir: string) => existsSync(path.join(dir, 'summary.json'));

/** The run directory a reference names (paths relative to cwd); `exclude` is a run id last-passing skips. */
export function resolveRun(
  ref: string,
  runsDir: string,
  options: { cwd?: string; exclude?: string } = {},
): string {
  const { cwd = process.cwd(), exclude } = options;
  if (ref === 'last-passing') return lastPassing(runsDir, exclude);
  if (ref === 'latest') {
    const link = path.join(runsDir, 'latest');
    if (!existsSync(link)) {
      throw new RunNotFoundError(
        `no run is marked latest in ${runsDir}: run a suite first, or pass --runs-dir DIR where your runs are stored`,
      );
    }
    return statSync(link).isDirectory()
      ? realpathSync(link)
      : path.join(runsDir, readFileSync(link, 'utf8').trim());
  }
  if (hasSummary(path.resolve(cwd, ref))) return path.resolve(cwd, ref);
  const byId = path.join(runsDir, ref);
  if (hasSummary(byId)) return byId;
  const matches = listRuns(runsDir).filter((id) => id.startsWith(ref));
  if (matches.length === 1) return path.join(runsDir, matches[0] as string);
  if (matches.length > 1) {
    throw new RunNotFoundError(
      `run ${JSON.stringify(ref)} is ambiguous in ${runsDir}: ${matches.join(', ')}`,
    );
  }
  throw new RunNotFoundError(
    `run ${JSON.stringify(ref)} not found: it is not a run directory with a summary.json, nor a run id in ${runsDir}` +
      ` (${listRuns(runsDir).length} runs there). Pass a run id, a path, latest or last-passing, or --runs-dir DIR.`,
  );
}

function listRuns(runsDir: string): string[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && hasSummary(path.join(runsDir, e.name)))
    .map((e) => e.name)
    .sort();
}

function lastPassing(runsDir: string, exclude?: string): string {
  const passed = listRuns(runsDir)
    .map((id) => ({ id, summary: readSummary(path.join(runsDir, id)) }))
    .filter((r) => r.summary.verdict === 'pass' && r.summary.complete && r.summary.runId !== exclude)
    .sort((a, b) => a.summary.startedAt.localeCompare(b.summary.startedAt));
  const last = passed[passed.length - 1];
  if (!last) {
    throw new RunNotFoundError(
      `no passed run to use as last-passing in ${runsDir}${exclude ? ` (other than ${exclude})` : ''}: pass a run id instead, or --runs-dir DIR`,
    );
  }
  return path.join(runsDir, last.id);
}

function readSummary(dir: string): RunSummary {
  const file = path.join(dir, 'summary.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
  } catch (cause) {
    throw new RunNotFoundError(`cannot read ${file}: ${(cause as Error).message}`);
  }
}

/** Reads a run's summary and the events a comparison needs; a torn last line (a crash) is skipped. */
export function loadRun(dir: string): StoredRun {
  const summary = readSummary(dir);
  const events: RunEvent[] = [];
  const file = path.join(dir, 'results.jsonl');
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('"type":"artifact"') && !line.includes('"type":"case"')) continue;
      try {
        events.push(JSON.parse(line) as RunEvent);
      } catch {
        // An incomplete run may end in half a line; what was written before it still counts.
      }
    }
  }
  return { dir, summary, events };
}
