import { ProcfsProbe } from './procfs.js';
import { PsProbe } from './pstree.js';

/** Resource use of a process tree at one moment. */
export interface TreeUsage {
  /** Live processes counted. */
  processes: number;
  rssBytes: number;
  /** Percent of one core since the previous measure(); unset on the first. */
  cpuPct?: number;
}

/** Watches one target: its process group plus every descendant, even those that left the group. */
export interface TreeProbe {
  /** Sums RSS and CPU over the tree. */
  measure(): Promise<TreeUsage>;
  /** Lists the tree; `outside` are members in another process group, which a group signal misses. */
  snapshot(): Promise<{ pids: number[]; outside: number[] }>;
  /** Whether any member still runs (zombies count as gone). */
  alive(): Promise<boolean>;
  /** Members as last seen, for the synchronous exit handler. */
  known(): number[];
}

export type ProbeBackend = 'procfs' | 'ps';

/**
 * Makes a probe for the group led by `pgid`. Linux reads /proc directly: one scan gives parents, groups,
 * RSS and CPU ticks exactly, spawns nothing, and finds orphans by group id. Elsewhere pidtree + pidusage.
 */
export function createTreeProbe(
  pgid: number,
  backend: ProbeBackend = process.platform === 'linux' ? 'procfs' : 'ps',
): TreeProbe {
  return backend === 'procfs' ? new ProcfsProbe(pgid) : new PsProbe(pgid);
}
