/**
 * The run store: `.gauntlet/runs/<YYYYMMDD-HHMMSS>-<id>/` with `run.json` (written first), `results.jsonl`
 * (appended synchronously as results happen, so a crash or Ctrl-C loses nothing already measured) and
 * `summary.json` (written last). A run without `summary.json`, or with `complete: false`, is incomplete.
 */
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { GauntletError } from '../errors.js';
import type { RunEvent } from './events.js';
import type { RunSummary } from './summary.js';

const MIN_FREE_BYTES = 50 * 1024 * 1024;

/** A new run id: sortable by time, unique by a random suffix. */
export function newRunId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export class RunStore {
  readonly dir: string;
  private readonly resultsFile: string;

  private constructor(
    readonly root: string,
    readonly id: string,
  ) {
    this.dir = path.join(root, id);
    this.resultsFile = path.join(this.dir, 'results.jsonl');
  }

  /** Creates the run directory after checking it is writable and the disk has room (preflight). */
  static create(root: string, meta: Record<string, unknown>, id = newRunId()): RunStore {
    const store = new RunStore(path.resolve(root), id);
    try {
      mkdirSync(store.dir, { recursive: true });
      writeFileSync(
        path.join(store.dir, 'run.json'),
        `${JSON.stringify({ id, status: 'running', pid: process.pid, ...meta }, null, 2)}\n`,
      );
      writeFileSync(store.resultsFile, '');
    } catch (cause) {
      throw new GauntletError(
        'E_STORE_UNWRITABLE',
        `cannot write the run directory ${store.dir}: ${(cause as Error).message}. Pass --out DIR with a writable directory.`,
        { exitCode: 3, cause },
      );
    }
    const fs = statfsSync(store.dir);
    const free = fs.bavail * fs.bsize;
    if (free < MIN_FREE_BYTES) {
      throw new GauntletError(
        'E_STORE_DISK_FULL',
        `only ${(free / 1048576).toFixed(1)} MB free where runs are stored (${store.root}); need at least ${MIN_FREE_BYTES / 1048576} MB. Free disk space or pass --out DIR on another disk.`,
        { exitCode: 3 },
      );
    }
    return store;
  }

  /** Appends one event to results.jsonl, synchronously so it survives a crash right after. */
  append(event: RunEvent): void {
    appendFileSync(this.resultsFile, `${JSON.stringify(event)}\n`);
  }

  /** Writes summary.json atomically and points `latest` at this run. */
  finish(summary: RunSummary): void {
    const file = path.join(this.dir, 'summary.json');
    writeFileSync(`${file}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    const link = path.join(this.root, 'latest');
    try {
      rmSync(link, { force: true });
      symlinkSync(this.id, link);
    } catch {
      writeFileSync(link, `${this.id}\n`);
    }
  }
}
