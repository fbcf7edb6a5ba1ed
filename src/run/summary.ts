/** The shape of `summary.json`: what a run decided and everything needed to trust or reproduce it. */
import type { CheckStatus, Priority, ReportTable, StageKind, StageStatus } from './events.js';

export type Verdict = 'pass' | 'fail' | 'error';

export interface Counts {
  total: number;
  pass: number;
  fail: number;
  error: number;
  skip: number;
}

export interface StageSummary {
  name: string;
  kind: StageKind;
  target: string;
  status: StageStatus;
  durationMs: number;
  counts: Counts;
  error?: string;
}

export interface CheckSummary {
  id: string;
  name: string;
  stage: string;
  target: string;
  status: CheckStatus;
  priority?: Priority;
  message: string;
}

export type { GateResult, MetricSummary } from '../metrics/types.js';

import type { GateResult, MetricSummary } from '../metrics/types.js';

export interface TargetSummary {
  name: string;
  url: string;
  model?: string;
  serverVersion?: string;
  launch?: {
    startupMs: number;
    rssPeakMb: number;
    rssMeanMb: number;
    rssGrowthMb?: number;
    cpuMeanPct: number;
    cpuPeakPct: number;
    samples: number;
    exitedEarly?: { code: number | null; signal: string | null };
  };
}

export interface EnvironmentInfo {
  gauntletVersion: string;
  node: string;
  os: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  memoryMb: number;
  gitCommit?: string;
  gitDirty?: boolean;
}

export interface RunSummary {
  schemaVersion: 1;
  runId: string;
  suite: { file: string; name?: string; hash: string };
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** False when the run was interrupted or crashed: what is here is what was done. */
  complete: boolean;
  incompleteReason?: string;
  verdict: Verdict;
  exitCode: number;
  /** A sentence for the top of every report. */
  headline: string;
  counts: Counts;
  filters: { stages?: string[]; tags?: string[]; priority?: Priority };
  targets: TargetSummary[];
  stages: StageSummary[];
  checks: CheckSummary[];
  gates: GateResult[];
  metrics: MetricSummary[];
  /** Tables stages produced (load levels, sweeps), in the order they came. */
  tables: ReportTable[];
  environment: EnvironmentInfo;
  error?: { code: string; message: string; exitCode?: number };
}
