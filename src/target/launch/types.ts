/** How to start the server under test, tell when it is ready, and stop it. */
export interface LaunchSpec {
  /** A string runs through `/bin/sh -c`; an array is spawned directly. `{port}` is replaced by a free port. */
  command: string | string[];
  /** Merged over process.env; values may hold `{port}`. */
  env?: Record<string, string>;
  cwd?: string;
  /** Polled until it answers; `expectStatus` unset means any 2xx. */
  ready: { url: string; timeoutMs: number; intervalMs: number; expectStatus?: number };
  /** `signal` goes to the whole process group; SIGKILL follows after `timeoutMs`. */
  shutdown: { signal: NodeJS.Signals; timeoutMs: number };
  /** Resource sampling period in milliseconds (default 500). */
  sampleIntervalMs?: number;
}

export type OutputStream = 'stdout' | 'stderr';

export interface LaunchOptions {
  /** Aborts the launch while it waits for readiness (the target is stopped); ignored once it is ready. */
  signal?: AbortSignal;
  /** Every line the target prints, ANSI colours stripped. */
  onOutput?: (stream: OutputStream, line: string) => void;
}

/** How a process ended: exactly one of the two is set. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/** Resource use of the target's process tree, sampled from spawn on. */
export interface LaunchStats {
  /** Spawn to first ready response, in milliseconds. */
  startupMs: number;
  samples: number;
  rssPeakMb: number;
  rssLastMb: number;
  rssMeanMb: number;
  /** Last sample minus the first sample after ready: growth while under test, model loading excluded. */
  rssGrowthMb?: number;
  /** Percent of one core, so a tree busy on 4 cores shows 400. */
  cpuMeanPct: number;
  cpuPeakPct: number;
  /** Set when the target exited on its own after it was ready. */
  exitedEarly?: ExitInfo;
}

/** A running target. */
export interface LaunchedTarget {
  /** Pid of the process Gauntlet spawned; also its process group id. */
  pid: number;
  /** The port Gauntlet chose for `{port}`; unset when the spec had no placeholder. */
  port?: number;
  /** Spawn to first ready answer in milliseconds; the ready URL is polled, so it is as exact as ready.intervalMs. */
  startupMs: number;
  /** Stops the whole process tree (signal, then SIGKILL) and returns the final stats; idempotent. */
  stop(): Promise<LaunchStats>;
  /** Stats so far. */
  stats(): LaunchStats;
  /** Called once if the target exits while running and before stop(); called at once if it already has. */
  onExit(cb: (code: number | null, signal: string | null) => void): void;
}
