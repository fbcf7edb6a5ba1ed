import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { GauntletError } from '../../errors.js';
import { exitedError, showCommand, spawnError, timeoutError } from './errors.js';
import { guardGroup, terminateTree } from './kill.js';
import { OutputTail } from './output.js';
import { resolvePort } from './port.js';
import { createTreeProbe } from './probe.js';
import { waitForReady } from './ready.js';
import { Sampler } from './sampler.js';
import { StatsAccumulator } from './stats.js';
import type {
  ExitInfo,
  LaunchedTarget,
  LaunchOptions,
  LaunchSpec,
  LaunchStats,
  OutputStream,
} from './types.js';

const TAIL_LINES = 50;
const DEFAULT_SAMPLE_MS = 500;
// Output still in the pipes when the process exits arrives a moment later; wait that long for it.
const DRAIN_MS = 250;
const EMPTY_COMMAND = 'launch.command is empty: give the command that starts the target.';

/**
 * Starts the server under test in its own process group, waits for its ready URL, and samples its process
 * tree's memory and CPU from spawn on. Throws a LaunchError (E_LAUNCH_SPAWN, E_LAUNCH_EXITED, E_LAUNCH_TIMEOUT)
 * after stopping whatever it started, or the abort reason if `opts.signal` aborts first.
 */
export async function launchTarget(spec: LaunchSpec, opts: LaunchOptions = {}): Promise<LaunchedTarget> {
  opts.signal?.throwIfAborted();
  const resolved = await resolvePort(spec);
  opts.signal?.throwIfAborted();
  const { command, env, cwd, ready, shutdown } = resolved.spec;
  const shown = showCommand(command);
  const argv = typeof command === 'string' ? ['/bin/sh', '-c', command] : command;
  const [file, ...args] = argv;
  if (!file || (typeof command === 'string' && command.trim() === '')) {
    throw new GauntletError('E_LAUNCH_CONFIG', EMPTY_COMMAND, { exitCode: 2 });
  }

  const tail = new OutputTail(TAIL_LINES, opts.onOutput);
  const startedAt = performance.now();
  // detached: setsid(), so the target leads a new process group that stop() can signal as a whole, and a
  // terminal's Ctrl-C reaches Gauntlet alone (which then stops the target in order).
  const child = spawn(file, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    const [err] = await once(child, 'error');
    throw spawnError(shown, err);
  }
  // An 'error' event with no listener would crash Gauntlet; we signal through process.kill, whose errors stop() sees.
  child.on('error', () => undefined);
  pipeOutput(child, tail);

  const probe = createTreeProbe(pid);
  const release = guardGroup(pid, () => probe.known());
  const totals = new StatsAccumulator();
  const sampler = new Sampler(probe, totals, spec.sampleIntervalMs ?? DEFAULT_SAMPLE_MS);
  sampler.start();

  let exit: ExitInfo | undefined;
  let running = false; // ready and not yet stopping: an exit now is unexpected
  let exitedEarly: ExitInfo | undefined;
  const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  const waitCtl = new AbortController();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      waitCtl.abort();
      if (running) {
        running = false;
        exitedEarly = exit;
        for (const cb of exitListeners) cb(code, signal);
      }
      resolve();
    });
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const stopAll = async (): Promise<void> => {
    await sampler.stop();
    if (await terminateTree(pid, probe, shutdown)) release();
    // The leader is gone but Node may not have reaped it yet; wait so its pid is really free when we return.
    await within(exited, DRAIN_MS);
  };

  const onAbort = () => waitCtl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const outcome = await waitForReady(ready, startedAt, waitCtl.signal).finally(() =>
    opts.signal?.removeEventListener('abort', onAbort),
  );
  if (!outcome.ready) {
    const died = exit; // read before stopAll(), whose own kill would look like a death
    await stopAll();
    if (died) {
      await within(closed, DRAIN_MS);
      throw exitedError(shown, pid, died, tail.lines());
    }
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw timeoutError(shown, pid, ready, outcome.lastPoll, tail.lines());
  }

  running = true;
  totals.markReady();
  const startupMs = Math.round((outcome.atMs - startedAt) * 10) / 10;
  const stats = (): LaunchStats => totals.snapshot(startupMs, exitedEarly);
  let stopping: Promise<LaunchStats> | undefined;
  return {
    pid,
    ...(resolved.port !== undefined && { port: resolved.port }),
    startupMs,
    stop() {
      running = false;
      stopping ??= stopAll().then(stats);
      return stopping;
    },
    stats,
    onExit(cb) {
      if (exitedEarly) {
        const { code, signal } = exitedEarly;
        queueMicrotask(() => cb(code, signal));
      } else exitListeners.push(cb);
    },
  };
}

// Waits for `promise` at most `ms`, without leaving a timer behind to hold the process open.
async function within(promise: Promise<void>, ms: number): Promise<void> {
  const ctl = new AbortController();
  await Promise.race([promise, delay(ms, undefined, { signal: ctl.signal }).catch(() => undefined)]);
  ctl.abort();
}

function pipeOutput(child: ChildProcess, tail: OutputTail): void {
  for (const stream of ['stdout', 'stderr'] as const satisfies OutputStream[]) {
    const pipe = child[stream];
    if (!pipe) continue;
    pipe.setEncoding('utf8');
    pipe.on('data', (chunk: string) => tail.push(stream, chunk));
    pipe.on('end', () => tail.end(stream));
    // The pipes and the child must not keep Gauntlet alive on their own; the exit handler cleans up.
    if (pipe instanceof Socket) pipe.unref();
  }
  child.unref();
}
