import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpuSampler, GPU_QUERY_ARGS } from '../../../../src/stages/load/monitor/index.js';
import { waitFor } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-gpu-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// A stand-in nvidia-smi: it records its arguments, counts its runs, and prints CSV that changes each run
// (GPU 0 warms up and fills), failing on run `failOn` the way a busy driver does.
async function fakeNvidiaSmi(name: string, failOn = 0): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    `#!/bin/sh
d=$(dirname "$0")
n=$(cat "$d/${name}.count" 2>/dev/null || echo 0)
n=$((n + 1))
# Written then renamed, so a run killed by stop() never leaves a half-written file.
echo "$n" > "$d/${name}.count.tmp" && mv "$d/${name}.count.tmp" "$d/${name}.count"
echo "$@" > "$d/${name}.args.tmp" && mv "$d/${name}.args.tmp" "$d/${name}.args"
if [ "$n" -eq ${failOn} ]; then echo "Unable to determine the device handle for GPU0: Unknown Error" >&2; exit 15; fi
echo "0, Fake GPU 80GB, $((40 + n)), $((n * 10)), $((n * 1000)), 80000, [N/A]"
echo "1, Fake GPU 80GB, 30, 50, 2000, 80000, 100.5"
`,
  );
  await chmod(path, 0o755);
  return path;
}

const runs = async (name: string) =>
  Number(await readFile(join(dir, `${name}.count`), 'utf8').catch(() => '0'));

describe('createGpuSampler', () => {
  it('samples every GPU through the command and sums the run up per GPU', async () => {
    const command = await fakeNvidiaSmi('smi-ok');
    const sampler = createGpuSampler({ command, intervalMs: 20 });
    sampler.start();
    expect(await sampler.available()).toBe(true);
    await waitFor('3 runs', async () => (await runs('smi-ok')) >= 3);
    const latest = sampler.snapshot();
    const result = await sampler.stop();

    // stop() may cut the last run short; that run is neither a sample nor a failure.
    const n = result.samples;
    expect(n).toBeGreaterThanOrEqual(2);
    expect([n, n + 1]).toContain(await runs('smi-ok'));
    expect(result).toMatchObject({ available: true, failures: 0 });
    expect(await readFile(join(dir, 'smi-ok.args'), 'utf8')).toBe(`${GPU_QUERY_ARGS.join(' ')}\n`);
    expect(latest).toHaveLength(2);
    expect(latest[1]).toMatchObject({ index: 1, name: 'Fake GPU 80GB', utilizationPct: 50, powerW: 100.5 });
    expect(latest[0]!.powerW).toBeUndefined();
    expect(result.gpus).toEqual([
      {
        index: 0,
        name: 'Fake GPU 80GB',
        temperatureMaxC: 40 + n,
        // Runs 1..n report 10, 20, ... n*10 percent.
        utilizationMeanPct: (10 * (n + 1)) / 2,
        memoryUsedMaxMb: n * 1000,
        memoryUsedMaxPct: ((n * 1000) / 80000) * 100,
        powerMaxW: undefined,
      },
      {
        index: 1,
        name: 'Fake GPU 80GB',
        temperatureMaxC: 30,
        utilizationMeanPct: 50,
        memoryUsedMaxMb: 2000,
        memoryUsedMaxPct: 2.5,
        powerMaxW: 100.5,
      },
    ]);
  });

  it('counts a failed run after a good start and keeps sampling', async () => {
    const command = await fakeNvidiaSmi('smi-flaky', 2);
    const sampler = createGpuSampler({ command, intervalMs: 20 });
    sampler.start();
    // Runs never overlap: once run 4 has begun, run 3 (after the failed run 2) has been counted.
    await waitFor('4 runs', async () => (await runs('smi-flaky')) >= 4);
    const result = await sampler.stop();
    expect(result).toMatchObject({ available: true, failures: 1 });
    expect(result.samples).toBeGreaterThanOrEqual(2);
    expect([result.samples + 1, result.samples + 2]).toContain(await runs('smi-flaky'));
    expect(result.lastError).toBe(
      `${command} exited with 15: Unable to determine the device handle for GPU0: Unknown Error`,
    );
  });

  it('is unavailable, without error, when the command does not exist', async () => {
    const command = join(dir, 'no-such-nvidia-smi');
    const sampler = createGpuSampler({ command, intervalMs: 20 });
    expect(await sampler.available()).toBe(false);
    sampler.start();
    await delay(50);
    expect(sampler.snapshot()).toEqual([]);
    expect(await sampler.stop()).toEqual({
      available: false,
      reason: `${command} not found`,
      samples: 0,
      failures: 0,
      gpus: [],
    });
  });

  it('is unavailable when the first run fails, as on a machine without a loaded driver', async () => {
    const command = await fakeNvidiaSmi('smi-nodriver', 1);
    const sampler = createGpuSampler({ command, intervalMs: 20 });
    sampler.start();
    expect(await sampler.available()).toBe(false);
    // Give it time to (wrongly) run again.
    await delay(60);
    const result = await sampler.stop();
    expect(result).toMatchObject({ available: false, samples: 0, gpus: [] });
    expect(result.reason).toMatch(/exited with 15: Unable to determine the device handle/);
    // Unavailable means it stops trying: one run only.
    expect(await runs('smi-nodriver')).toBe(1);
  });
});
