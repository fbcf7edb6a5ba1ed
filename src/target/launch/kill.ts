import { setTimeout as delay } from 'node:timers/promises';
import type { TreeProbe } from './probe.js';

const POLL_MS = 20;
// After SIGKILL only a process stuck in the kernel survives; do not hang the run on it.
const KILL_WAIT_MS = 2000;

function send(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ESRCH: already gone. EPERM: not ours to kill (or, on macOS, a group of zombies).
    if (code !== 'ESRCH' && code !== 'EPERM') throw err;
  }
}

/** Signals the process group led by `pgid` and each pid in `extra`, ignoring processes already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals, extra: Iterable<number> = []): void {
  send(-pgid, signal);
  for (const pid of extra) if (pid !== pgid) send(pid, signal);
}

async function waitGone(probe: TreeProbe, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (!(await probe.alive())) return true;
    if (performance.now() >= deadline) return false;
    await delay(Math.min(POLL_MS, Math.max(1, deadline - performance.now())));
  }
}

/**
 * Stops a whole tree: `signal` to the group and to members that left it, up to `timeoutMs` for them to go,
 * then SIGKILL to everything seen. Resolves true when nothing is left running.
 */
export async function terminateTree(
  pgid: number,
  probe: TreeProbe,
  shutdown: { signal: NodeJS.Signals; timeoutMs: number },
): Promise<boolean> {
  const before = await probe.snapshot();
  signalGroup(pgid, shutdown.signal, before.outside);
  if (await waitGone(probe, shutdown.timeoutMs)) return true;
  const after = await probe.snapshot();
  signalGroup(pgid, 'SIGKILL', new Set([...before.pids, ...after.pids]));
  return waitGone(probe, KILL_WAIT_MS);
}

// Targets still running, with the pids last seen in their trees, for the exit handler.
const guarded = new Map<number, () => Iterable<number>>();
let hooked = false;

/** SIGKILLs every launched target still running; synchronous, so a CLI may call it from a signal handler. */
export function killAllTargets(): void {
  for (const [pgid, known] of guarded) {
    try {
      signalGroup(pgid, 'SIGKILL', known());
    } catch {
      // Exiting anyway: kill what can be killed.
    }
  }
  guarded.clear();
}

/**
 * Makes sure the group dies with Gauntlet: an 'exit' handler SIGKILLs it unless released first. ('exit' does
 * not run when Node dies of a signal, so the CLI turns SIGINT/SIGTERM into process.exit or killAllTargets.)
 */
export function guardGroup(pgid: number, known: () => Iterable<number>): () => void {
  if (!hooked) {
    process.on('exit', killAllTargets);
    hooked = true;
  }
  guarded.set(pgid, known);
  return () => {
    guarded.delete(pgid);
  };
}
