/** target.launch through the CLI: Gauntlet starts the reference server, measures it, and stops it. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, suiteDir } from '../helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The server runs from source through tsx, so the tests need no build.
const SERVE = `[node, --import, tsx, src/cli/bin.ts, serve, --port, '{port}']`;

const suite = (command: string, checks: string, extra = '') => `target:
  type: openai
  baseUrl: http://127.0.0.1:{port}/v1
  model: gauntlet-sim
  retry: { maxRetries: 0 }
  launch:
    command: ${command}
    cwd: ${ROOT}
    ready: { timeout: 30s, interval: 50ms }
    sampleInterval: 100ms
stages:
  - kind: smoke
    checks: ${checks}
report: { reporters: [json] }
${extra}`;

describe('target.launch', () => {
  it('starts the server on a free port, measures startup and memory, gates on them, and stops it', async () => {
    const dir = suiteDir(
      suite(
        SERVE,
        '{ models: {}, determinism: { repeats: 10 } }',
        "gates:\n  launch.startup_ms: ['value<30000']\n  launch.rss_peak_mb: ['value<2048']\n",
      ),
    );
    const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'));
    const launch = summary.targets[0].launch;
    expect(launch.startupMs).toBeGreaterThan(0);
    expect(launch.rssPeakMb).toBeGreaterThan(10);
    expect(launch.samples).toBeGreaterThan(0);
    expect(summary.targets[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(summary.gates.map((g: { metric: string; status: string }) => [g.metric, g.status])).toEqual([
      ['launch.startup_ms', 'pass'],
      ['launch.rss_peak_mb', 'pass'],
    ]);
    const metricNames = summary.metrics.map((m: { name: string }) => m.name);
    expect(metricNames).toEqual(
      expect.arrayContaining(['launch.startup_ms', 'launch.rss_peak_mb', 'launch.cpu_mean_pct']),
    );
    // The server was stopped with the run: its port no longer answers.
    await expect(fetch(`${summary.targets[0].url.replace('/v1', '')}/health`)).rejects.toThrow();
  });

  it('a server that dies during the run makes the verdict an error (exit 3), keeping what was measured', async () => {
    const config = path.join(suiteDir(''), 'slow.yaml');
    writeFileSync(config, 'latency: { ttft: { dist: fixed, ms: 150 } }\n');
    // Killed 5 s after launch: long enough for a slow start on a loaded machine (tsx compiles first), and
    // well inside the 12 s of determinism requests (80 x 150 ms) that follow the models check.
    const dies = `"node --import tsx src/cli/bin.ts serve --port {port} --config ${config} & sleep 5; kill -9 $!"`;
    const dir = suiteDir(suite(dies, '{ models: {}, determinism: { repeats: 80 } }'));
    const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(r.code).toBe(3);
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'));
    expect(summary.error.code).toBe('E_TARGET_EXITED');
    expect(summary.checks[0]).toMatchObject({ id: 'smoke.models', status: 'pass' });
    expect(summary.complete).toBe(false);
  });

  it('a launch command that fails is reported with its output (exit 3)', async () => {
    const dir = suiteDir(suite(`"echo 'model file not found: /nope.gguf' >&2; exit 4"`, '[models]'));
    const r = await runCli(['run', '--out', 'runs', '--reporter', 'console'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('model file not found: /nope.gguf');
  });
});
