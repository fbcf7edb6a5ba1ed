/** `gauntlet compare` and `run --baseline` end to end: real load runs of the reference server. */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/report/compare/compare.js';
import { startServer } from '../../../src/serve/index.js';
import { runCli, suiteDir } from '../../helpers/cli.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let fast: Server;
let slow: Server;
const serverAt = (ms: number) =>
  startServer({ seed: ms, latency: { ttft: { dist: 'fixed', ms }, perToken: { dist: 'fixed', ms: 1 } } });

beforeAll(async () => {
  [fast, slow] = await Promise.all([serverAt(20), serverAt(60)]);
});
afterAll(async () => {
  await Promise.all([fast?.close(), slow?.close()]);
});

const LOAD = `stages:
  - kind: load
    profile: { type: concurrency, concurrency: [2] }
    requests: 300
    warmup: 300ms
    maxTokens: 8
report: { reporters: [json] }
`;
const single = (url: string) => `target: { type: openai, baseUrl: ${url}/v1, model: gauntlet-sim }\n${LOAD}`;

/** Runs the suite in `dir` with the target at `url`; returns the id of the run it stored. */
async function loadRun(dir: string, url: string, extra: string[] = []) {
  const r = await runCli(['run', '--out', 'runs', '--target-url', `${url}/v1`, ...extra], { cwd: dir });
  return { ...r, id: path.basename(realpathSync(path.join(dir, 'runs', 'latest'))) };
}

const ttftOf = (c: Comparison) => c.metrics.find((m) => m.metric === 'ttft');

describe('gauntlet compare', () => {
  it('marks TTFT regressed after 40 ms were added, and a same-configuration pair unchanged', async () => {
    const dir = suiteDir(single(fast.url));
    // The first run of a process is slower (cold JIT, on both ends of the loopback): not a configuration.
    await loadRun(dir, fast.url);
    const a = await loadRun(dir, fast.url);
    const b = await loadRun(dir, fast.url);
    const c = await loadRun(dir, slow.url);
    expect(a.code).toBe(0);

    const same = await runCli(['compare', a.id, b.id, '--runs-dir', 'runs', '--json', 'same.json'], {
      cwd: dir,
    });
    expect(same.code, same.stderr).toBe(0);
    const sameJson = JSON.parse(readFileSync(path.join(dir, 'same.json'), 'utf8')) as Comparison;
    expect(ttftOf(sameJson)?.verdict, same.stdout).toBe('unchanged');
    expect(sameJson.counts.regressed + sameJson.counts.improved, same.stdout).toBe(0);

    const r = await runCli(
      [
        'compare',
        a.id,
        'latest',
        '--runs-dir',
        'runs',
        '--fail-on-regression',
        '--markdown',
        'pr.md',
        '--json',
        'c.json',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/load c2 ttft .* regressed/);
    const json = JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8')) as Comparison;
    const ttft = ttftOf(json);
    expect(ttft?.verdict).toBe('regressed');
    expect(ttft?.delta).toBeGreaterThan(30);
    expect(json.current.runId).toBe(c.id);
    const p95 = json.summaryDeltas.find((d) => d.name === 'ttft' && d.stat === 'p95');
    expect(p95?.delta).toBeGreaterThan(30);
    expect(readFileSync(path.join(dir, 'pr.md'), 'utf8')).toMatch(/\| load c2 ttft \|.*🔴 regressed/);

    const missing = await runCli(['compare', 'nope', 'latest', '--runs-dir', 'runs'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('run "nope" not found');
    expect(missing.stderr).toContain(path.join(dir, 'runs'));
  }, 60_000);

  it('run --baseline compares in one step and honours --fail-on-regression', async () => {
    const dir = suiteDir(single(fast.url));
    const first = await loadRun(dir, fast.url);
    expect(first.code).toBe(0);
    const second = await loadRun(dir, slow.url, ['--baseline', 'last-passing', '--fail-on-regression']);
    expect(second.stdout).toContain(`against ${first.id}`);
    expect(second.stdout).toMatch(/ttft .* regressed/);
    expect(second.code).toBe(1);
  }, 60_000);

  it('compares the stable and canary targets of one run (canary analysis)', async () => {
    const dir = suiteDir(`targets:
  - { name: stable, type: openai, baseUrl: ${fast.url}/v1, model: gauntlet-sim }
  - { name: canary, type: openai, baseUrl: ${slow.url}/v1, model: gauntlet-sim }
${LOAD}`);
    const run = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const r = await runCli(
      ['compare', 'latest', '--runs-dir', 'runs', '--targets', 'stable,canary', '--json', 'c.json'],
      {
        cwd: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8')) as Comparison;
    expect(ttftOf(json)?.verdict).toBe('regressed');
    expect(json.current.target).toBe('canary');
    const bad = await runCli(['compare', 'latest', '--runs-dir', 'runs', '--targets', 'stable,blue'], {
      cwd: dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no target "blue"');
  }, 60_000);
});
