/**
 * Reporters are subscribers: each implements only the hooks it needs (vitest's model). They never drive the
 * run and never see a secret: events reach them already redacted.
 */
import type { CheckResult, ReportTable, RunEvent } from '../run/events.js';
import type { RunSummary } from '../run/summary.js';

export interface ReporterContext {
  /** The run directory, where file reporters write by default. */
  runDir: string;
  /** Where to write, when the user asked for a specific path (`--reporter junit=out/junit.xml`). */
  outputPath?: string;
  /** Stream for console output (stdout in the CLI, a buffer in tests). */
  stdout: NodeJS.WritableStream;
  /** Whether colours and live progress may be used. */
  color: boolean;
  /** Verbosity from the CLI: 0 quiet, 1 normal, 2 verbose. */
  verbosity: number;
}

export interface Reporter {
  /** Every event, in order; for reporters that want the raw stream. */
  onEvent?(event: RunEvent): void;
  onRunStart?(event: Extract<RunEvent, { type: 'run:start' }>): void;
  /** A target Gauntlet started itself is ready (its real URL is known from here on). */
  onTargetLaunched?(event: Extract<RunEvent, { type: 'target:launched' }>): void;
  onStageStart?(event: Extract<RunEvent, { type: 'stage:start' }>): void;
  onCheck?(result: CheckResult): void;
  onStageEnd?(event: Extract<RunEvent, { type: 'stage:end' }>): void;
  onLog?(event: Extract<RunEvent, { type: 'log' }>): void;
  /** Live figures of a running stage (e.g. a load level), about once a second. */
  onProgress?(event: Extract<RunEvent, { type: 'progress' }>): void;
  /** A table a stage produced (e.g. one row per load level). */
  onTable?(table: ReportTable): void;
  /** Called once with the final summary (also for incomplete runs); file reporters write here. Returns files written. */
  onRunEnd?(
    summary: RunSummary,
    results: readonly CheckResult[],
  ): Promise<string[] | undefined> | string[] | undefined;
}

export type ReporterFactory = (ctx: ReporterContext) => Reporter;
