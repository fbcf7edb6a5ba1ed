/**
 * The run history's data and the small interface every index implements: an append-only JSONL file
 * under `.gauntlet/` by default (jsonl.ts), PostgreSQL for teams (postgres.ts). The CLI and the
 * orchestrator only see `RunIndex`; index.ts picks the implementation.
 */
import type { Counts, Verdict } from '../summary.js';

/** Headline numbers per run, for trends across runs. Absent when the run measured no such thing. */
export interface HeadlineMetrics {
  /** Share of passed checks among judged ones (pass / (pass + fail + error)), per stage name. */
  passRateByStage: Record<string, number>;
  ttftP95Ms?: number;
  e2eP95Ms?: number;
  outputTokensPerS?: number;
  errorRate?: number;
}

/** One run as the history knows it. */
export interface HistoryEntry {
  id: string;
  suite: { file: string; name?: string; hash?: string };
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** `unknown` when the run has no summary (it crashed before writing one). */
  verdict: Verdict | 'unknown';
  exitCode?: number;
  counts?: Counts;
  targets: { name: string; url: string; model?: string }[];
  gitCommit?: string;
  gitDirty?: boolean;
  /** Who ran it and where; absent for runs indexed by `runs reindex` (the directory does not say). */
  host?: string;
  user?: string;
  gauntletVersion?: string;
  runDir: string;
  complete: boolean;
  metrics: HeadlineMetrics;
  /** When and by whom this entry was written, and how (at the end of the run, or by a reindex). */
  indexedAt: string;
  indexedBy: 'run' | 'reindex';
  /** Set once `gauntlet runs delete` removed the run's files; the entry itself stays. */
  deleted?: { at: string; by: string; reason?: string };
}

/** A filter for listing runs. */
export interface HistoryQuery {
  suite?: string;
  limit?: number;
  includeDeleted?: boolean;
}

/** What a deletion records, in the index and in the audit log. */
export interface DeletionInfo {
  at: string;
  by: string;
  reason?: string;
}

/** One action that removed data: who did it, when, where, to which run and why. */
export interface AuditRecord {
  at: string;
  action: 'delete';
  runId: string;
  user: string;
  host: string;
  runDir: string;
  reason?: string;
  /** Suite and commit of the deleted run, so the line still says what was run. */
  suite?: string;
  suiteHash?: string;
  gitCommit?: string;
}

/** An index of runs. Append-only: nothing is ever removed, a deletion is itself a record. */
export interface RunIndex {
  /** Where the index lives (a file path or a connection description), for messages. */
  readonly location: string;
  /** Records a run (a later record of the same id replaces an earlier one when read). */
  record(entry: HistoryEntry): Promise<void>;
  /** Runs newest first. */
  list(query?: HistoryQuery): Promise<HistoryEntry[]>;
  get(id: string): Promise<HistoryEntry | undefined>;
  /** Marks a run deleted; the entry stays. */
  markDeleted(id: string, info: DeletionInfo): Promise<void>;
  /** Where the audit log lives, for messages. */
  readonly auditLocation: string;
  /** Appends one record to the audit log (never rewritten or truncated). */
  appendAudit(record: AuditRecord): Promise<void>;
  /** Every audit record, oldest first. */
  readAudit(): Promise<AuditRecord[]>;
  /** Releases the connection, if any. The index cannot be used afterwards. */
  close(): Promise<void>;
}
