/** The contract between the run engine and each kind of test. */
import type { StageConfig, TargetConfig } from '../config/schema.js';
import type {
  CheckResult,
  CheckStatus,
  Evidence,
  LocalStageKind,
  MetricKind,
  Priority,
  StageKind,
} from '../run/events.js';
import type { OpenAIClient } from '../target/index.js';
import type { CaseResult } from './eval/types.js';

/** A target as stages see it: resolved URL, a ready client, what preflight learned. */
export interface RuntimeTarget {
  name: string;
  config: TargetConfig;
  baseUrl: string;
  model: string;
  client: OpenAIClient;
  info: { serverVersion?: string; contextLength?: number; models?: string[] };
}

export interface CheckMeta {
  /** Stable id, e.g. `smoke.streaming`; with several variants, `smoke.max_tokens[8]`. */
  id: string;
  name: string;
  priority?: Priority;
  tags?: string[];
}

export interface CheckOutcome {
  status: Exclude<CheckStatus, 'error'>;
  message: string;
  metrics?: Record<string, number>;
  evidence?: Evidence;
}

export interface StageContext<K extends StageKind = StageKind> {
  stage: Extract<StageConfig, { kind: K }> & { name: string };
  /** The target under test; local stages (data) have none. */
  target: K extends LocalStageKind ? undefined : RuntimeTarget;
  /** The folder of the suite file: relative paths in stage options resolve against it. */
  suiteDir: string;
  signal: AbortSignal;
  /** Whether a check with these labels passes the run's --tag / --priority filters (stage labels are inherited). */
  selected(labels: { priority?: Priority; tags?: string[] }): boolean;
  /** Runs one check: times it, turns a thrown error into status `error` with its evidence, emits the result. */
  check(meta: CheckMeta, run: () => Promise<CheckOutcome>): Promise<CheckResult | undefined>;
  /** Records a metric sample (or a batch of samples of one series). */
  metric(name: string, kind: MetricKind, value: number | number[], tags?: Record<string, string>): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Live figures for the console (elapsed, requests, rates); not stored. */
  progress(elapsedMs: number, values: Record<string, number>, label?: string): void;
  /** A table for every report (stored in the summary). */
  table(title: string, columns: string[], rows: (string | number | null)[][], notes?: string[]): void;
  /** Bulk data for later analysis (histograms, time series), stored in results.jsonl. */
  artifact(name: string, data: unknown): void;
  /** One judged eval case, streamed to results.jsonl (not kept in memory). */
  emitCase(result: CaseResult): void;
}

export interface Stage<K extends StageKind = StageKind> {
  kind: K;
  /** One line for `--help` and reports. */
  description: string;
  run(ctx: StageContext<K>): Promise<void>;
}
