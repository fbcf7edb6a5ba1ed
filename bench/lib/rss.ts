/**
 * Memory of a measured child and everything it starts: the tree's resident set is read from /proc every
 * `intervalMs` (the sum over the live processes of the tree), and each process's own kernel high-water
 * mark (VmHWM, exact, no sampling gap) is kept as it was last seen. Its CPU (user + system, the whole
 * tree) comes from the kernel's rusage via GNU time when it is installed, else from the same samples.
 * The child leads its own process group and is tracked by pid, so it is killed if the script ends first.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hasGnuTime, procTicks, scratch, track } from './children.js';

const CLK_TCK = 100;
let timeFiles = 0;

/** One sample of the tree. */
export interface RssSample {
  /** Since the spawn, ms. */
  tMs: number;
  /** Sum of VmRSS over the tree's live processes, kB. */
  rssKB: number;
  processes: number;
}

/** A finished sampled run. */
export interface SampledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last 64 kB of each stream. */
  stdout: string;
  stderr: string;
  wallS: number;
  /** The largest tree sum seen by the sampler, kB. */
  peakTreeRssKB: number;
  /** The largest kernel high-water mark (VmHWM) of any one process of the tree, kB: exact for a one-process tree. */
  peakProcessHwmKB: number;
  /** max(peakTreeRssKB, peakProcessHwmKB): the figure to report. */
  peakRssKB: number;
  /** How many distinct processes the tree had over the run. */
  processes: number;
  /** User + system CPU of the tree, s. */
  cpuS: number;
  /** 'rusage' (GNU time, exact to 10 ms) or 'procfs' (summed from the samples; misses the last interval). */
  cpuMethod: 'rusage' | 'procfs';
  timedOut: boolean;
  samples: RssSample[];
}

export interface SampleOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
  timeoutMs?: number;
  /** Called after every sample (e.g. to read progress from a file the child writes). */
  onSample?: (sample: RssSample) => void;
}

/** Parent pid of every process on the machine (one /proc scan). */
function parents(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields are counted after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = byParent.get(ppid);
      if (list) list.push(pid);
      else byParent.set(ppid, [pid]);
    } catch {
      // gone meanwhile
    }
  }
  return byParent;
}

/** The pid and all its descendants alive now. */
export function processTree(root: number): number[] {
  const byParent = parents();
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    out.push(pid);
    for (const child of byParent.get(pid) ?? []) stack.push(child);
  }
  return out;
}

/** VmRSS and VmHWM of one process, kB; undefined when it is gone (or a zombie without memory). */
export function processMemory(pid: number): { rssKB: number; hwmKB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)/m.exec(status);
    const hwm = /^VmHWM:\s+(\d+)/m.exec(status);
    if (!rss || !hwm) return undefined;
    return { rssKB: Number(rss[1]), hwmKB: Number(hwm[1]) };
  } catch {
    return undefined;
  }
}

/** Runs `cmd args` to its end (or kills its group after `timeoutMs`) while sampling its tree's memory. */
export async function runSampled(cmd: string, args: string[], opts: SampleOptions = {}): Promise<SampledRun> {
  const interval = opts.intervalMs ?? 100;
  // Under GNU time the tree's root is `time` itself: its few hundred kB are left out of the sums.
  const viaTime = hasGnuTime();
  const timeFile = viaTime ? join(scratch(), `rss-time-${++timeFiles}.txt`) : '';
  const argv = viaTime ? ['-f', '%U %S', '-o', timeFile, cmd, ...args] : args;
  const started = performance.now();
  const child = track(
    spawn(viaTime ? '/usr/bin/time' : cmd, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
    true,
  );
  const keep = (s: string) => (s.length > 65_536 ? s.slice(-65_536) : s);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout = keep(stdout + s);
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = keep(stderr + s);
  });
  const samples: RssSample[] = [];
  const hwm = new Map<number, number>();
  const ticks = new Map<number, number>();
  let peakTree = 0;
  const sample = () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    let rssKB = 0;
    let processes = 0;
    for (const pid of processTree(child.pid)) {
      if (viaTime && pid === child.pid) continue;
      if (!viaTime) {
        const t = procTicks(pid);
        if (t) ticks.set(pid, t[0] + t[1]);
      }
      const mem = processMemory(pid);
      if (!mem) continue;
      rssKB += mem.rssKB;
      processes++;
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, mem.hwmKB));
    }
    if (processes === 0) return;
    const s = { tMs: performance.now() - started, rssKB, processes };
    peakTree = Math.max(peakTree, rssKB);
    samples.push(s);
    opts.onSample?.(s);
  };
  const sampler = setInterval(sample, interval);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, opts.timeoutMs ?? 600_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  const wallS = (performance.now() - started) / 1000;
  clearTimeout(timer);
  clearInterval(sampler);
  // Whatever the child left running in its group (a helper it did not wait for) ends with it.
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is empty
  }
  const peakHwm = Math.max(0, ...hwm.values());
  let cpuS = [...ticks.values()].reduce((a, b) => a + b, 0) / CLK_TCK;
  if (viaTime) {
    // GNU time writes "Command exited with non-zero status N" before the figures when the command fails.
    const last = existsSync(timeFile) ? (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '') : '';
    rmSync(timeFile, { force: true });
    const [u, sys] = last.split(' ').map(Number);
    cpuS = u !== undefined && sys !== undefined && Number.isFinite(u + sys) ? u + sys : Number.NaN;
  }
  return {
    code,
    signal,
    stdout,
    stderr,
    wallS,
    peakTreeRssKB: peakTree,
    peakProcessHwmKB: peakHwm,
    peakRssKB: Math.max(peakTree, peakHwm),
    processes: hwm.size,
    cpuS,
    cpuMethod: viaTime ? 'rusage' : 'procfs',
    timedOut,
    samples,
  };
}
