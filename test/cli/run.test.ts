/** The CLI end to end, in-process, against real loopback servers: exit codes, the run store, secrets, filters. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/serve/index.js';
import { runCli, smokeSuite, suiteDir } from '../helpers/cli.js';

let good: Awaited<ReturnType<typeof startServer>>;
let broken: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  good = await startServer({ seed: 3 });
  broken = await startServer({ seed: 3, broken: ['nondeterministic'] });
});
afterAll(async () => {
  await good.close();
  await broken.close();
});

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('exit codes', () => {
  it('0 when every check and gate passes', async () => {
    const dir = suiteDir(smokeSuite(good.url, '[models, basic]', "gates:\n  checks: ['rate==1']\n"));
    const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(r.code).toBe(0);
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary).toMatchObject({ verdict: 'pass', complete: true, counts: { total: 2, pass: 2 } });
    expect(summary.gates[0]).toMatchObject({ metric: 'checks', status: 'pass', observed: 1 });
  });

  it('1 when a check fails, naming it (gauntlet run with a broken server)', async () => {
    const dir = suiteDir(smokeSuite(broken.url, '[models, determinism]'));
    const r = await runCli(['run', '--out', 'runs', '--reporter', 'console'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('smoke.determinism');
    expect(r.stdout).toMatch(/FAIL/);
  });

  it('1 when only a gate fails', async () => {
    const dir = suiteDir(smokeSuite(good.url, '[basic]', "gates:\n  smoke.latency_ms: ['max<0.001']\n"));
    const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(r.code).toBe(1);
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary.headline).toMatch(/gate failed: smoke.latency_ms max<0.001/);
  });

  it('2 for a config error, with file:line:col', async () => {
    const dir = suiteDir(
      'target:\n  type: openai\n  baseUrl: http://127.0.0.1:1/v1\n  model: m\nstages:\n  - kind: smoke\n    timeout: soon\n',
    );
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'gauntlet.yaml:7:14 stages[0].timeout: expected a duration like "30s", got "soon"',
    );
  });

  it('2 for bad usage: an unknown flag, a missing suite, an unknown stage', async () => {
    expect((await runCli(['run', '--bogus'])).code).toBe(2);
    const missing = await runCli(['run', 'nope.yaml'], { cwd: suiteDir('') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no suite at .*nope.yaml.*gauntlet init/);
    const dir = suiteDir(smokeSuite(good.url));
    const stage = await runCli(['run', '--stage', 'lod'], { cwd: dir });
    expect(stage.code).toBe(2);
    expect(stage.stderr).toContain('--stage lod: the suite has no such stage; it has smoke');
  });

  it('3 when the target is unreachable, and the run is still recorded', async () => {
    const dir = suiteDir(smokeSuite('http://127.0.0.1:9', '[models]'));
    const r = await runCli(['run', '--out', 'runs', '--reporter', 'console', '--reporter', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/not reachable at http:\/\/127.0.0.1:9\/v1/);
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary).toMatchObject({
      verdict: 'error',
      exitCode: 3,
      complete: false,
      error: { code: 'E_PREFLIGHT' },
    });
  });

  it('0 for --help and --version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('run [options] [suite]');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the run store', () => {
  it('streams results.jsonl and records the environment and targets', async () => {
    const dir = suiteDir(smokeSuite(good.url, '[models, chat]'));
    await runCli(['run', '--out', 'runs'], { cwd: dir });
    const runDir = path.join(dir, 'runs', 'latest');
    const events = readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0].type).toBe('run:start');
    expect(events.filter((e) => e.type === 'check')).toHaveLength(2);
    expect(events.at(-1).type).toBe('run:end');
    const summary = readJson(path.join(runDir, 'summary.json'));
    expect(summary.environment).toMatchObject({ node: process.version, gauntletVersion: expect.any(String) });
    expect(summary.environment.cpus).toBeGreaterThan(0);
    expect(summary.targets[0]).toMatchObject({
      name: 'default',
      url: `${good.url}/v1`,
      model: 'gauntlet-sim',
    });
    expect(summary.targets[0].serverVersion).toBeTruthy();
    expect(summary.suite.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(runDir).sort()).toEqual([
      'junit.xml',
      'report.json',
      'report.md',
      'results.jsonl',
      'run.json',
      'summary.json',
    ]);
  });

  it('Ctrl-C leaves a readable run marked incomplete', async () => {
    const slow = await startServer({ seed: 3, latency: { ttft: { dist: 'fixed', ms: 400 } } });
    try {
      const dir = suiteDir(smokeSuite(slow.url, '[models, basic, chat, completions, determinism]'));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 1000);
      const r = await runCli(['run', '--out', 'runs'], { cwd: dir, signal: controller.signal });
      expect(r.code).toBe(130);
      const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
      expect(summary).toMatchObject({ complete: false, incompleteReason: 'interrupted' });
      expect(summary.counts.total).toBeGreaterThan(0);
      expect(summary.counts.total).toBeLessThan(5);
    } finally {
      await slow.close();
    }
  });
});

describe('stages', () => {
  it('a stage past its timeout is an error result, and later stages of that target are skipped', async () => {
    const hang = await startServer({ seed: 3, broken: ['hang'] });
    try {
      const yaml = `target: { type: openai, baseUrl: ${hang.url}/v1, model: gauntlet-sim, retry: { maxRetries: 0 } }
stages:
  - { kind: smoke, name: first, timeout: 500ms, checks: [chat] }
  - { kind: smoke, name: second, checks: [chat] }
report: { reporters: [json, junit] }
`;
      const dir = suiteDir(yaml);
      const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
      expect(r.code).toBe(1);
      const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
      expect(summary.stages.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
        ['first', 'error'],
        ['second', 'skipped'],
      ]);
      expect(summary.checks).toEqual([
        expect.objectContaining({
          id: 'smoke.stage',
          status: 'error',
          message: expect.stringMatching(/timed out after 500ms/),
        }),
      ]);
      expect(readFileSync(path.join(dir, 'runs', 'latest', 'junit.xml'), 'utf8')).toContain('<error');
    } finally {
      await hang.close();
    }
  });

  it('continueOnFailure goes on to the next stage', async () => {
    const yaml = `target: { type: openai, baseUrl: ${broken.url}/v1, model: gauntlet-sim, retry: { maxRetries: 0 } }
stages:
  - { kind: smoke, name: first, continueOnFailure: true, checks: [determinism] }
  - { kind: smoke, name: second, checks: [models] }
report: { reporters: [json] }
`;
    const dir = suiteDir(yaml);
    expect((await runCli(['run', '--out', 'runs'], { cwd: dir })).code).toBe(1);
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary.stages.map((s: { status: string }) => s.status)).toEqual(['fail', 'pass']);
  });
});

describe('secrets', () => {
  it('an API key leaves no trace in any file of the run directory', async () => {
    const KEY = 'sk-gauntlet-test-0123456789abcdef';
    const authed = await startServer({ seed: 3, apiKeys: [KEY], broken: ['stream-mismatch'] });
    try {
      const dir = suiteDir(
        smokeSuite(authed.url, '[models, basic, streaming]').replace(
          '  model: gauntlet-sim',
          '  model: gauntlet-sim\n  apiKey: ${env:MY_API_KEY}',
        ),
      );
      const r = await runCli(
        [
          'run',
          '--out',
          'runs',
          '--reporter',
          'console',
          '--reporter',
          'json',
          '--reporter',
          'junit',
          '--reporter',
          'markdown',
        ],
        {
          cwd: dir,
          env: { MY_API_KEY: KEY },
        },
      );
      expect(r.code).toBe(1); // streaming fails (with evidence and curl lines) but auth worked
      const runDir = path.join(dir, 'runs', 'latest');
      const files = readdirSync(runDir);
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const f of files) expect(readFileSync(path.join(runDir, f), 'utf8')).not.toContain(KEY);
      expect(r.stdout).not.toContain(KEY);
      expect(readFileSync(path.join(runDir, 'report.json'), 'utf8')).toContain('$OPENAI_API_KEY');
    } finally {
      await authed.close();
    }
  });
});

describe('filters and targets', () => {
  it('--priority keeps only checks at least that important', async () => {
    const dir = suiteDir(
      smokeSuite(good.url, '{ models: { priority: P0 }, basic: { priority: P3 } }').replace(
        '    timeout: 60s',
        '    timeout: 60s\n    priority: P1',
      ),
    );
    await runCli(['run', '--out', 'runs', '--priority', 'P0'], { cwd: dir });
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary.checks.map((c: { id: string }) => c.id)).toEqual(['smoke.models']);
    expect(summary.filters).toEqual({ priority: 'P0' });
  });

  it('--tag selects checks by their own or their stage tags', async () => {
    const dir = suiteDir(smokeSuite(good.url, '{ models: { tags: [quick] }, basic: {} }'));
    await runCli(['run', '--out', 'runs', '--tag', 'quick'], { cwd: dir });
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary.checks.map((c: { id: string }) => c.id)).toEqual(['smoke.models']);
  });

  it('runs every stage against each named target, keyed by target, and judges gates per target', async () => {
    const yaml = `targets:
  - { name: stable, type: openai, baseUrl: ${good.url}/v1, model: gauntlet-sim, retry: { maxRetries: 0 } }
  - { name: canary, type: openai, baseUrl: ${broken.url}/v1, model: gauntlet-sim, retry: { maxRetries: 0 } }
stages:
  - kind: smoke
    checks: [models, determinism]
gates:
  checks: ['rate==1']
report: { reporters: [json] }
`;
    const dir = suiteDir(yaml);
    const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(r.code).toBe(1);
    const summary = readJson(path.join(dir, 'runs', 'latest', 'summary.json'));
    expect(summary.stages.map((s: { target: string; status: string }) => [s.target, s.status])).toEqual([
      ['stable', 'pass'],
      ['canary', 'fail'],
    ]);
    expect(summary.gates.map((g: { target: string; status: string }) => [g.target, g.status])).toEqual([
      ['stable', 'pass'],
      ['canary', 'fail'],
    ]);
  });

  it('--model replaces the suite model', async () => {
    const dir = suiteDir(
      smokeSuite(good.url, '[models]').replace('model: gauntlet-sim', 'model: not-served'),
    );
    expect((await runCli(['run', '--out', 'runs'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['run', '--out', 'runs', '--model', 'gauntlet-sim'], { cwd: dir })).code).toBe(0);
  });

  it('--target-url replaces the suite target', async () => {
    const dir = suiteDir(smokeSuite('http://127.0.0.1:9', '[models]'));
    const r = await runCli(['run', '--out', 'runs', '--target-url', `${good.url}/v1`], { cwd: dir });
    expect(r.code).toBe(0);
  });
});

describe('init', () => {
  it('writes a starter suite that loads, and refuses to overwrite it', async () => {
    const dir = suiteDir('');
    const file = path.join(dir, 'starter.yaml');
    expect((await runCli(['init', 'starter.yaml'], { cwd: dir })).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const { loadSuite } = await import('../../src/config/load.js');
    const loaded = await loadSuite(file, {});
    expect(loaded.suite.stages[0]?.kind).toBe('smoke');
    const again = await runCli(['init', 'starter.yaml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; pass --force');
  });
});
