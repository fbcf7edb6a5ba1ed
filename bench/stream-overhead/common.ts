/**
 * What both stream-overhead clients share: the prompt (an instruction the reference server obeys, so every
 * answer is exactly max_tokens long), the IPC protocol with the parent, and the loop-delay probe.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];

/** "Repeat exactly: ..." with `words` one-token words: the simulated model answers with exactly those. */
export function repeatPrompt(words: number): string {
  return `Repeat exactly: ${Array.from({ length: words }, (_, i) => WORDS[i % WORDS.length]).join(' ')}`;
}

/** Options the parent passes to a client (as one JSON argument). */
export interface ClientOptions {
  /** The server's origin, e.g. http://127.0.0.1:PORT (no /v1). */
  origin: string;
  model: string;
  concurrency: number;
  requests: number;
  warmupRequests: number;
  maxTokens: number;
}

/** One measured request: the server's id and when this client saw its first content (epoch ms). */
export interface Sample {
  id: string | undefined;
  firstEpochMs: number | undefined;
  ok: boolean;
}

/** Client -> parent: warm-up done (the parent then clears the server's records and says go). */
export interface WarmMessage {
  type: 'warm';
}

/** Client -> parent: the measured run. */
export interface ResultMessage {
  type: 'result';
  samples: Sample[];
  /** CPU of the client process (user + system, every thread) over the measured run only. */
  cpuS: number;
  /** The kernel's share of cpuS (socket reads and writes, mostly). */
  sysS: number;
  wallS: number;
  /** Output tokens the client counted itself (usage, or content chunks), for a cross-check; the raw peer has none. */
  clientTokens?: number;
  errors: number;
  firstError?: string;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Reads the options from argv[2]. */
export function clientOptions(): ClientOptions {
  return JSON.parse(process.argv[2] ?? '{}') as ClientOptions;
}

/** Tells the parent the warm-up is done and waits for its go. */
export function warmAndWait(): Promise<void> {
  return new Promise((resolve) => {
    process.once('message', () => resolve());
    process.send?.({ type: 'warm' } satisfies WarmMessage);
  });
}

/** Measures `fn`: this process's CPU and wall time, and how late its event loop ran timers meanwhile. */
export async function measured<T>(fn: () => Promise<T>): Promise<{
  value: T;
  cpuS: number;
  sysS: number;
  wallS: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - t0) / 1000;
  loop.disable();
  return {
    value,
    cpuS: (cpu.user + cpu.system) / 1e6,
    sysS: cpu.system / 1e6,
    wallS,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
  };
}

/** Sends the result to the parent and exits once it is delivered. */
export function finish(result: ResultMessage): void {
  process.send?.(result, () => process.exit(0));
}
