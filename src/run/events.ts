/**
 * What the engine tells the world. Stages emit these; the run store, reporters and gates subscribe.
 * Nothing below `cli` and `report` prints: this stream is the only output of a run.
 */
export type StageKind = 'smoke' | 'load' | 'eval' | 'data' | 'api' | 'chaos';
/** Kinds that read files and need no target: they run once per suite, reported under LOCAL_TARGET. */
export type LocalStageKind = 'data';
export const LOCAL_TARGET = 'local';

/** True for a stage kind that needs no target. */
export function isLocalStage(kind: StageKind): kind is LocalStageKind {
  return kind === 'data';
}
export type Priority = 'P0' | 'P1' | 'P2' | 'P3' | 'P4';
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skip';

/** An HTTP exchange kept as evidence, secrets already redacted. */
export interface HttpEvidence {
  request?: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
  response?: { status?: number; headers?: Record<string, string>; excerpt?: string };
  /** A shell line that reproduces the request (secrets replaced by an env reference). */
  curl?: string;
}

/** Evidence of a check: what was sent, what came back, the numbers that decided it. */
export interface Evidence extends HttpEvidence {
  details?: Record<string, unknown>;
}

/** One check's outcome. `id` is stable across runs (e.g. "smoke.streaming") so runs can be compared. */
export interface CheckResult {
  id: string;
  name: string;
  stage: string;
  stageKind: StageKind;
  target: string;
  status: CheckStatus;
  /** One line a person reads first: what happened, the number against its limit. */
  message: string;
  durationMs: number;
  priority?: Priority;
  tags?: string[];
  metrics?: Record<string, number>;
  evidence?: Evidence;
}

export type { MetricKind, MetricSample } from '../metrics/types.js';

import type { MetricSample } from '../metrics/types.js';
import type { CaseResult } from '../stages/eval/types.js';

export type StageStatus = 'pass' | 'fail' | 'error' | 'skipped';

export interface TargetInfo {
  name: string;
  url: string;
  model?: string;
}

export type RunEvent =
  | {
      type: 'run:start';
      runId: string;
      suite: string;
      startedAt: string;
      targets: TargetInfo[];
      stages: { name: string; kind: StageKind }[];
    }
  | { type: 'target:launched'; target: string; url: string; startupMs: number; pid: number }
  | { type: 'stage:start'; stage: string; kind: StageKind; target: string }
  | { type: 'check'; result: CheckResult }
  | { type: 'metric'; sample: MetricSample }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; stage?: string; target?: string }
  | {
      type: 'stage:end';
      stage: string;
      kind: StageKind;
      target: string;
      status: StageStatus;
      durationMs: number;
      error?: string;
    }
  | {
      type: 'progress';
      stage: string;
      target: string;
      elapsedMs: number;
      label?: string;
      values: Record<string, number>;
    }
  | { type: 'table'; table: ReportTable }
  | { type: 'artifact'; stage: string; target: string; name: string; data: unknown }
  /** One judged eval case: streamed to results.jsonl, never held by the engine (100k cases stay flat). */
  | { type: 'case'; stage: string; target: string; result: CaseResult }
  | { type: 'run:end'; summary: import('./summary.js').RunSummary };

export type RunEventType = RunEvent['type'];

/** A small table a stage wants in every report (e.g. one row per load level). Cells are numbers or text. */
export interface ReportTable {
  stage: string;
  target: string;
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
  /** Notes printed under the table (e.g. "timing figures unreliable: the generator was saturated"). */
  notes?: string[];
}
