/**
 * Child processes for benchmarks: every one is tracked by pid and ended by that pid when the script ends
 * (normally, on an error, or on Ctrl-C), and a measured child's own CPU is taken from the kernel's
 * rusage (GNU time) so the script's CPU, and the server's, never mix with it.
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
let hooked = false;

// Ends what is still running; `group` children lead their own process group (GNU time and what it runs).
function endAll(): void {
  for (const child of live) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    try {
      if ((child as ChildProcess & { group?: boolean }).group) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', endAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      endAll();
      process.exit(130);
    });
  }
}

/** Runs `fn` when the script exits, however it exits. */
export function onCleanup(fn: () => void): void {
  hook();
  cleanups.push(fn);
}

/** Tracks a child so it is killed (by its pid) if the script ends first. */
export function track<C extends ChildProcess>(child: C, group = false): C {
  hook();
  if (group) (child as ChildProcess & { group?: boolean }).group = true;
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Gives a child `waitMs` to exit by itself, then stops it politely (SIGTERM), then for good after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 2_000, waitMs = 0): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (waitMs > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    if (child.exitCode !== null || child.signalCode !== null) return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Forks a Node script with an IPC channel (for servers that report their figures on request). */
export function forkTracked(script: string, args: string[], execArgv: string[] = []): ChildProcess {
  return track(fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

/** Resolves with the first IPC message that `accept` picks. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (m: unknown) => m is T,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no message from child ${child.pid} in ${timeoutMs}ms`)),
      timeoutMs,
    );
    const onMessage = (m: unknown) => {
      if (accept(m)) done(undefined, m);
    };
    const onExit = (code: number | null) =>
      done(new Error(`child ${child.pid} exited (${code}) before answering`));
    const done = (err?: Error, value?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** A finished measured child: its output and its own CPU time (all threads), from the kernel. */
export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  userS: number;
  sysS: number;
  cpuS: number;
  wallS: number;
  /** 'rusage' (GNU time: exact to 10 ms) or 'procfs' (sampled; may miss the last few ms). */
  method: 'rusage' | 'procfs';
}

const GNU_TIME = '/usr/bin/time';
let scratchDir: string | undefined;
let timeFiles = 0;

/** A temporary folder for this script, removed when it exits. */
export function scratch(): string {
  if (!scratchDir) {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
    scratchDir = dir;
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  }
  return scratchDir;
}
let timeChecked: boolean | undefined;

/** Whether GNU time is there (`apt-get install time`); without it CPU is sampled from /proc instead. */
export function hasGnuTime(): boolean {
  if (timeChecked === undefined) {
    try {
      execFileSync(GNU_TIME, ['-f', '%U', 'true'], { stdio: 'ignore' });
      timeChecked = true;
    } catch {
      timeChecked = false;
    }
  }
  return timeChecked;
}

/** Whether an executable is on the PATH. */
export function which(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `cmd args` to its end (or kills it after `timeoutMs`) and returns its CPU time: user + system of
 * the process and all its threads, as the kernel accounted it when the process was reaped.
 */
export async function runMeasured(cmd: string, args: string[], timeoutMs = 120_000): Promise<Measured> {
  const viaTime = hasGnuTime();
  const out = viaTime ? join(scratch(), `time-${++timeFiles}.txt`) : '';
  const argv = viaTime ? ['-f', '%U %S %e', '-o', out, cmd, ...args] : args;
  const started = performance.now();
  const child = track(
    spawn(viaTime ? GNU_TIME : cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
    true,
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  // Without GNU time: the last /proc sample before the process went away (utime + stime, in clock ticks).
  let lastTicks = [0, 0];
  const sampler = viaTime
    ? undefined
    : setInterval(() => {
        const ticks = procTicks(child.pid);
        if (ticks) lastTicks = ticks;
      }, 5);
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  if (sampler) clearInterval(sampler);
  const wallS = (performance.now() - started) / 1000;
  if (viaTime) {
    const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
    rmSync(out, { force: true });
    // GNU time writes "Command exited with non-zero status N" before the figures when the command fails.
    const last = text.trim().split('\n').pop() ?? '';
    const [u, s, e] = last.split(' ').map(Number);
    if (u === undefined || s === undefined || !Number.isFinite(u) || !Number.isFinite(s)) {
      throw new Error(`could not read the CPU time of ${cmd}: ${JSON.stringify(text)}\n${stderr}`);
    }
    return { code, stdout, stderr, userS: u, sysS: s, cpuS: u + s, wallS: e ?? wallS, method: 'rusage' };
  }
  const hz = 100;
  const [ut = 0, st = 0] = lastTicks;
  return {
    code,
    stdout,
    stderr,
    userS: ut / hz,
    sysS: st / hz,
    cpuS: (ut + st) / hz,
    wallS,
    method: 'procfs',
  };
}

/** utime and stime (clock ticks) of a live process, from /proc/<pid>/stat. */
export function procTicks(pid: number | undefined): [number, number] | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[11]), Number(fields[12])];
  } catch {
    return undefined;
  }
}
