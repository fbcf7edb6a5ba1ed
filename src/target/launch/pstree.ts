import { createRequire } from 'node:module';
import pidtree from 'pidtree';
import type { TreeProbe, TreeUsage } from './probe.js';

type PidStat = { cpu: number; memory: number };
type PidUsage = (pids: number[]) => Promise<Record<string, PidStat>>;

let pidusage: PidUsage | undefined;

// pidusage ships no types and is only needed off Linux, so it is loaded lazily through require.
function loadPidusage(): PidUsage {
  pidusage ??= createRequire(import.meta.url)('pidusage') as PidUsage;
  return pidusage;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Probe through pidtree + pidusage (macOS, BSDs). It walks parent links from the leader, so orphans of a dead
 * leader are only found while they were seen before; the group signal in stop() still reaches them.
 */
export class PsProbe implements TreeProbe {
  private members: number[] = [];
  private measured = false;

  constructor(private readonly pgid: number) {}

  async measure(): Promise<TreeUsage> {
    const pids = await this.tree();
    const stats = await usage(pids);
    // pidusage's first figure for a pid is its average since it started, not since our last sample.
    const first = !this.measured;
    this.measured = true;
    const rssBytes = stats.reduce((sum, s) => sum + s.memory, 0);
    const cpuPct = stats.reduce((sum, s) => sum + s.cpu, 0);
    return { processes: stats.length, rssBytes, ...(!first && { cpuPct }) };
  }

  async snapshot(): Promise<{ pids: number[]; outside: number[] }> {
    // Without group ids we cannot tell who left the group; a second SIGTERM to members could mean "force quit"
    // to some servers, so only SIGKILL goes to pids one by one.
    return { pids: await this.tree(), outside: [] };
  }

  async alive(): Promise<boolean> {
    return running(-this.pgid) || (await this.tree()).length > 0;
  }

  known(): number[] {
    return this.members;
  }

  private async tree(): Promise<number[]> {
    const found = await pidtree(this.pgid, { root: true }).catch(() => [] as number[]);
    this.members = [...new Set([...found, ...this.members])].filter(running);
    return this.members;
  }
}

async function usage(pids: number[]): Promise<PidStat[]> {
  if (pids.length === 0) return [];
  const get = loadPidusage();
  try {
    return Object.values(await get(pids));
  } catch {
    // One pid that just exited fails the whole batch; ask one by one.
    const each = await Promise.allSettled(pids.map(async (pid) => Object.values(await get([pid]))));
    return each.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }
}
