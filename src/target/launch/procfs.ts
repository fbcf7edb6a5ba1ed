import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { TreeProbe, TreeUsage } from './probe.js';

/** One line of /proc/<pid>/stat, the fields we use. */
export interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
  /** Start time since boot in ticks; with the pid it names a process even after its pid is reused. */
  start: string;
  rssPages: number;
}

/** Parses /proc/<pid>/stat; undefined when it does not look like one. */
export function parseStat(text: string): ProcStat | undefined {
  // The command name sits in parentheses and may itself hold spaces and ')'; fields follow the last ')'.
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const f = text.slice(close + 2).split(' ');
  const pid = Number.parseInt(text, 10);
  const [state, ppid, pgid, utime, stime, start, rss] = [f[0], f[1], f[2], f[11], f[12], f[19], f[21]];
  if (!state || start === undefined || Number.isNaN(pid)) return undefined;
  return {
    pid,
    ppid: Number(ppid),
    pgid: Number(pgid),
    state,
    ticks: Number(utime) + Number(stime),
    start,
    rssPages: Number(rss),
  };
}

/** Reads every process on the system (a few hundred small reads; cheaper than spawning ps). */
export async function readProcs(): Promise<ProcStat[]> {
  const names = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
  const stats = await Promise.all(
    // A process may vanish between readdir and read; that is not an error.
    names.map((n) => readFile(`/proc/${n}/stat`, 'utf8').then(parseStat, () => undefined)),
  );
  return stats.filter((s): s is ProcStat => s !== undefined);
}

const run = promisify(execFile);
let units: Promise<{ tick: number; page: number }> | undefined;

// Ticks per second and page size are fixed per machine; ask once. The fallbacks are the Linux norms.
function sysUnits(): Promise<{ tick: number; page: number }> {
  const get = (name: string, fallback: number) =>
    run('getconf', [name]).then(
      ({ stdout }) => Number(stdout.trim()) || fallback,
      () => fallback,
    );
  units ??= Promise.all([get('CLK_TCK', 100), get('PAGESIZE', 4096)]).then(([tick, page]) => ({
    tick,
    page,
  }));
  return units;
}

/** Probe over /proc (Linux). */
export class ProcfsProbe implements TreeProbe {
  // pid -> start time of members seen last, so orphans that left the group stay tracked and reused pids do not.
  private members = new Map<number, string>();
  private prev: { at: number; ticks: Map<string, number> } | undefined;

  constructor(private readonly pgid: number) {}

  async measure(): Promise<TreeUsage> {
    const [procs, { tick, page }] = await Promise.all([this.tree(), sysUnits()]);
    const at = performance.now();
    const ticks = new Map(procs.map((p) => [`${p.pid}:${p.start}`, p.ticks]));
    let cpuPct: number | undefined;
    if (this.prev && at > this.prev.at) {
      let used = 0;
      // A process not seen before started since the last sample, so all its time is new.
      for (const [key, t] of ticks) used += t - (this.prev.ticks.get(key) ?? 0);
      cpuPct = (used / tick / ((at - this.prev.at) / 1000)) * 100;
    }
    this.prev = { at, ticks };
    const rssPages = procs.reduce((sum, p) => sum + p.rssPages, 0);
    return { processes: procs.length, rssBytes: rssPages * page, ...(cpuPct !== undefined && { cpuPct }) };
  }

  async snapshot(): Promise<{ pids: number[]; outside: number[] }> {
    const procs = await this.tree();
    return {
      pids: procs.map((p) => p.pid),
      outside: procs.filter((p) => p.pgid !== this.pgid).map((p) => p.pid),
    };
  }

  async alive(): Promise<boolean> {
    return (await this.tree()).length > 0;
  }

  known(): number[] {
    return [...this.members.keys()];
  }

  // The group's live members, members seen before, and all their live descendants.
  private async tree(): Promise<ProcStat[]> {
    const all = await readProcs();
    const children = new Map<number, ProcStat[]>();
    for (const p of all) {
      const siblings = children.get(p.ppid);
      if (siblings) siblings.push(p);
      else children.set(p.ppid, [p]);
    }
    const stack = all.filter((p) => p.pgid === this.pgid || this.members.get(p.pid) === p.start);
    const found = new Map<number, ProcStat>();
    for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
      if (found.has(p.pid) || p.state === 'Z' || p.state === 'X') continue;
      found.set(p.pid, p);
      stack.push(...(children.get(p.pid) ?? []));
    }
    this.members = new Map([...found.values()].map((p) => [p.pid, p.start]));
    return [...found.values()];
  }
}
