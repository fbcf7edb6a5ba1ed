/**
 * The run index as an append-only JSONL file (`<runs dir>/history.jsonl`, by default under `.gauntlet/`).
 *
 * Why JSONL and not a DuckDB file: two runs finishing at once must both be indexed. A DuckDB database
 * file admits one writer process at a time, so the second run would have to wait on the lock, retry or
 * fall back, and every run would load the native engine just to add one row. An append-only file needs
 * no lock: each record is one line written by one `appendFileSync` (O_APPEND), and the kernel appends
 * whole writes to a local regular file without interleaving them, so concurrent writers each add their
 * own line. It is also append-only by construction, which is what the audit requirement asks: a
 * deletion is a new `delete` record, never an edit. Readers fold the records (the last one of an id
 * wins) and skip a torn last line. Trends can still use DuckDB: `read_json_auto('history.jsonl')`
 * queries this file as a table. The audit log sits next to it (`audit.jsonl`, see audit.ts). For a
 * history shared by a team, postgres.ts implements the same `RunIndex` interface.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_FILE, appendAudit, readAudit } from './audit.js';
import type { AuditRecord, DeletionInfo, HistoryEntry, HistoryQuery, RunIndex } from './types.js';

type IndexRecord = { op: 'index'; entry: HistoryEntry } | ({ op: 'delete'; id: string } & DeletionInfo);

export const HISTORY_FILE = 'history.jsonl';

/** An index kept in one append-only JSONL file. */
export class JsonlRunIndex implements RunIndex {
  readonly location: string;
  readonly auditLocation: string;

  constructor(file: string) {
    this.location = path.resolve(file);
    this.auditLocation = path.join(path.dirname(this.location), AUDIT_FILE);
  }

  /** The index of the runs stored under `runsRoot`. */
  static forRunsDir(runsRoot: string): JsonlRunIndex {
    return new JsonlRunIndex(path.join(runsRoot, HISTORY_FILE));
  }

  private append(record: IndexRecord): void {
    mkdirSync(path.dirname(this.location), { recursive: true });
    appendFileSync(this.location, `${JSON.stringify(record)}\n`);
  }

  private fold(): Map<string, HistoryEntry> {
    const runs = new Map<string, HistoryEntry>();
    if (!existsSync(this.location)) return runs;
    for (const line of readFileSync(this.location, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let rec: IndexRecord;
      try {
        rec = JSON.parse(line) as IndexRecord;
      } catch {
        continue; // a line torn by a crash mid-write
      }
      if (rec.op === 'index' && rec.entry?.id) {
        const deleted = runs.get(rec.entry.id)?.deleted;
        // A deletion outlives later re-indexing of the same id: the outputs are gone.
        runs.set(rec.entry.id, deleted ? { ...rec.entry, deleted } : rec.entry);
      } else if (rec.op === 'delete') {
        const e = runs.get(rec.id);
        if (e) {
          runs.set(rec.id, {
            ...e,
            deleted: { at: rec.at, by: rec.by, ...(rec.reason ? { reason: rec.reason } : {}) },
          });
        }
      }
    }
    return runs;
  }

  async record(entry: HistoryEntry): Promise<void> {
    this.append({ op: 'index', entry });
  }

  async list(query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    let runs = [...this.fold().values()];
    if (!query.includeDeleted) runs = runs.filter((r) => !r.deleted);
    if (query.suite) {
      const s = query.suite;
      runs = runs.filter(
        (r) => r.suite.name === s || r.suite.file === s || path.basename(r.suite.file) === s,
      );
    }
    runs.sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    return query.limit !== undefined ? runs.slice(0, query.limit) : runs;
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    return this.fold().get(id);
  }

  async markDeleted(id: string, info: DeletionInfo): Promise<void> {
    this.append({ op: 'delete', id, ...info });
  }

  async appendAudit(record: AuditRecord): Promise<void> {
    appendAudit(path.dirname(this.location), record);
  }

  async readAudit(): Promise<AuditRecord[]> {
    return readAudit(path.dirname(this.location));
  }

  async close(): Promise<void> {
    // nothing held open: every write is one append
  }
}

const sortKey = (e: HistoryEntry) => `${e.startedAt ?? ''}|${e.id}`;
