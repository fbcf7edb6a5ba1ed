/**
 * Samples GPU temperature, utilisation, memory and power with nvidia-smi beside the load, where it
 * exists. A machine without it is not an error: the sampler says it is unavailable and does nothing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GPU_QUERY_ARGS, type GpuSample, parseNvidiaSmiCsv } from './nvidia-smi.js';
import { startTicker, type Ticker } from './ticker.js';
import type { Monitor } from './types.js';

const run = promisify(execFile);

export interface GpuSamplerOptions {
  intervalMs?: number;
  /** The nvidia-smi to run (a path, or a name looked up on PATH). */
  command?: string;
  /** Per-run limit; nvidia-smi can take a second or two when the driver is not kept loaded. */
  timeoutMs?: number;
}

/** One GPU over the run. */
export interface GpuSummary {
  index: number;
  name: string;
  temperatureMaxC?: number;
  utilizationMeanPct?: number;
  memoryUsedMaxMb?: number;
  memoryUsedMaxPct?: number;
  powerMaxW?: number;
}

/** Whole-run GPU figures. */
export interface GpuResult {
  available: boolean;
  /** Why the sampler was unavailable. */
  reason?: string;
  samples: number;
  failures: number;
  lastError?: string;
  gpus: GpuSummary[];
}

/** A GPU sampler, which can also tell whether nvidia-smi works here. */
export interface GpuSampler extends Monitor<GpuSample[], GpuResult> {
  /** Whether the command ran and listed a GPU; runs it once if sampling has not started. */
  available(): Promise<boolean>;
}

type Query = { ok: true; gpus: GpuSample[] } | { ok: false; error: string };

interface Totals {
  summary: GpuSummary;
  utilizationSum: number;
  utilizationCount: number;
}

/** Creates a sampler that runs nvidia-smi every `intervalMs` (never two at once). */
export function createGpuSampler(opts: GpuSamplerOptions = {}): GpuSampler {
  const intervalMs = opts.intervalMs ?? 1000;
  const command = opts.command ?? 'nvidia-smi';
  const timeoutMs = opts.timeoutMs ?? Math.max(intervalMs, 5000);
  // Settled by the first run: the command must exist, exit 0 and list a GPU (a box with nvidia-smi but no
  // loaded driver exits non-zero, and has nothing to sample).
  let detection: Promise<Query> | undefined;
  let samples = 0;
  let failures = 0;
  let lastError: string | undefined;
  let latest: GpuSample[] = [];
  const perGpu = new Map<number, Totals>();
  let ticker: Ticker | undefined;
  let stopping: Promise<GpuResult> | undefined;

  const query = async (signal?: AbortSignal): Promise<Query> => {
    try {
      const { stdout } = await run(command, GPU_QUERY_ARGS, {
        timeout: timeoutMs,
        signal,
        maxBuffer: 1 << 20,
      });
      const gpus = parseNvidiaSmiCsv(stdout);
      return gpus.length > 0 ? { ok: true, gpus } : { ok: false, error: `${command} listed no GPU` };
    } catch (err) {
      if (signal?.aborted) return { ok: false, error: `stopped before ${command} answered` };
      return { ok: false, error: describe(err, command) };
    }
  };

  const accept = (gpus: GpuSample[]) => {
    samples++;
    latest = gpus;
    for (const gpu of gpus) fold(perGpu, gpu);
  };

  const tick = async (signal: AbortSignal): Promise<boolean> => {
    if (detection === undefined) {
      // This run is the detection, so its answer is also the first sample.
      detection = query(signal);
      const first = await detection;
      if (first.ok) accept(first.gpus);
      return first.ok;
    }
    if (!(await detection).ok) return false;
    const next = await query(signal);
    if (signal.aborted) return false;
    if (next.ok) {
      accept(next.gpus);
    } else {
      failures++;
      lastError = next.error;
    }
    return true;
  };

  const finish = async (): Promise<GpuResult> => {
    await ticker?.stop();
    const detected = detection
      ? await detection
      : { ok: false as const, error: `stopped before ${command} ran` };
    const gpus = [...perGpu.values()]
      .sort((a, b) => a.summary.index - b.summary.index)
      .map((t) => ({
        ...t.summary,
        utilizationMeanPct: t.utilizationCount > 0 ? t.utilizationSum / t.utilizationCount : undefined,
      }));
    return {
      available: detected.ok,
      ...(detected.ok ? {} : { reason: detected.error }),
      samples,
      failures,
      ...(lastError === undefined ? {} : { lastError }),
      gpus,
    };
  };

  return {
    async available() {
      detection ??= query();
      return (await detection).ok;
    },
    start() {
      if (ticker || stopping) return;
      ticker = startTicker(intervalMs, tick);
    },
    snapshot() {
      return latest.map((gpu) => ({ ...gpu }));
    },
    stop() {
      stopping ??= finish();
      return stopping;
    },
  };
}

function fold(perGpu: Map<number, Totals>, gpu: GpuSample): void {
  const totals = perGpu.get(gpu.index) ?? {
    summary: { index: gpu.index, name: gpu.name },
    utilizationSum: 0,
    utilizationCount: 0,
  };
  const s = totals.summary;
  s.temperatureMaxC = max(s.temperatureMaxC, gpu.temperatureC);
  s.memoryUsedMaxMb = max(s.memoryUsedMaxMb, gpu.memoryUsedMb);
  s.memoryUsedMaxPct = max(s.memoryUsedMaxPct, gpu.memoryUsedPct);
  s.powerMaxW = max(s.powerMaxW, gpu.powerW);
  if (gpu.utilizationPct !== undefined) {
    totals.utilizationSum += gpu.utilizationPct;
    totals.utilizationCount++;
  }
  perGpu.set(gpu.index, totals);
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

// Why a run failed, in words: the first line of stderr says more than an exit status.
function describe(err: unknown, command: string): string {
  const e = err as { code?: unknown; killed?: boolean; stderr?: unknown; message?: string };
  if (e.code === 'ENOENT') return `${command} not found`;
  if (e.code === 'EACCES') return `${command} is not executable`;
  if (e.killed) return `${command} gave no answer in time`;
  const stderr = typeof e.stderr === 'string' ? (e.stderr.trim().split('\n')[0] ?? '') : '';
  const status = typeof e.code === 'number' ? `exited with ${e.code}` : `failed: ${e.message ?? String(err)}`;
  return `${command} ${status}${stderr ? `: ${stderr}` : ''}`;
}
