/** `gauntlet runs` and `gauntlet export` end to end, in-process, against the reference server. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/run/history/index.js';
import { startServer } from '../../src/serve/index.js';
import { runCli, smokeSuite, suiteDir } from '../helpers/cli.js';
import { parsePrometheus } from '../report/export/prom-parser.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ seed: 3 });
});
afterAll(async () => {
  await server.close();
});

const listJson = async (cwd: string, ...extra: string[]) => {
  const r = await runCli(['runs', 'list', '--runs-dir', 'runs', '--json', ...extra], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as HistoryEntry[];
};

describe('gauntlet runs', () => {
  it('indexes a finished run with who, where, what and its headline metrics', async () => {
    const dir = suiteDir(smokeSuite(server.url, '[models, basic]', 'name: smoke-suite\n'));
    const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'));
    const [entry, ...rest] = await listJson(dir);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      id: summary.runId,
      suite: { file: summary.suite.file, name: 'smoke-suite', hash: summary.suite.hash },
      startedAt: summary.startedAt,
      endedAt: summary.endedAt,
      durationMs: summary.durationMs,
      verdict: 'pass',
      exitCode: 0,
      complete: true,
      counts: { total: 2, pass: 2 },
      targets: [{ url: `${server.url}/v1`, model: 'gauntlet-sim' }],
      host: os.hostname(),
      user: os.userInfo().username,
      gauntletVersion: summary.environment.gauntletVersion,
      runDir: path.join(dir, 'runs', summary.runId),
      indexedBy: 'run',
      metrics: { passRateByStage: { smoke: 1 } },
    });
    if (summary.environment.gitCommit) expect(entry?.gitCommit).toBe(summary.environment.gitCommit);
  });

  it('indexes two runs that finish at the same time, and lists newest first with filters', async () => {
    const dir = suiteDir(smokeSuite(server.url, '[models]', 'name: twin\n'));
    const [a, b] = await Promise.all([
      runCli(['run', '--out', 'runs'], { cwd: dir }),
      runCli(['run', '--out', 'runs'], { cwd: dir }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const runs = await listJson(dir);
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.id)).size).toBe(2);
    const keys = runs.map((r) => `${r.startedAt}|${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(await listJson(dir, '--limit', '1')).toHaveLength(1);
    expect(await listJson(dir, '--suite', 'twin')).toHaveLength(2);
    expect(await listJson(dir, '--suite', 'other')).toHaveLength(0);

    // `gauntlet runs` alone lists, one line per run with verdict, counts, duration.
    const text = await runCli(['runs', '--runs-dir', 'runs'], { cwd: dir });
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ID\s+WHEN\s+SUITE\s+VERDICT\s+PASSED\s+FAILED\s+DURATION\s+COMMIT/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(runs[0]?.id);
    expect(lines[1]).toMatch(/twin\s+pass\s+1\s+0\s+\d/);
    const bad = await runCli(['runs', '--runs-dir', 'runs', '--limit', 'lots'], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it('uses .gauntlet/runs by default, shows a run, and names where it looked for a missing one', async () => {
    const dir = suiteDir(smokeSuite(server.url, '[models]'));
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    const list = await runCli(['runs', 'list', '--json'], { cwd: dir });
    const [entry] = JSON.parse(list.stdout) as HistoryEntry[];
    expect(entry?.runDir).toBe(path.join(dir, '.gauntlet', 'runs', entry?.id ?? ''));
    const show = await runCli(['runs', 'show', 'latest'], { cwd: dir });
    expect(show.code, show.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(entry?.runDir ?? '', 'summary.json'), 'utf8'));
    expect(show.stdout).toContain(`run ${entry?.id}: pass`);
    expect(show.stdout).toContain(summary.headline);
    expect(show.stdout).toContain(`${server.url}/v1 (gauntlet-sim)`);
    expect(show.stdout).toContain(`by        ${os.userInfo().username} on ${os.hostname()}`);
    const byId = await runCli(['runs', 'show', entry?.id ?? '', '--json'], { cwd: dir });
    expect(JSON.parse(byId.stdout)).toMatchObject({ entry: { id: entry?.id }, headline: summary.headline });

    const missing = await runCli(['runs', 'show', 'nope'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(path.join(dir, '.gauntlet', 'runs', 'nope'));
    expect(missing.stderr).toContain(path.join(dir, '.gauntlet', 'runs', 'history.jsonl'));
  });

  it('indexes a run that ended early as incomplete', async () => {
    const dir = suiteDir(smokeSuite('http://127.0.0.1:9', '[models]'));
    expect((await runCli(['run', '--out', 'runs'], { cwd: dir })).code).toBe(3);
    const [entry] = await listJson(dir);
    expect(entry).toMatchObject({ verdict: 'error', exitCode: 3, complete: false });
    const text = await runCli(['runs', '--runs-dir', 'runs'], { cwd: dir });
    expect(text.stdout).toMatch(/error \(incomplete\)/);
  });

  it('reindexes runs from their directories', async () => {
    const dir = suiteDir(smokeSuite(server.url, '[models]'));
    expect((await runCli(['run', '--out', 'runs'], { cwd: dir })).code).toBe(0);
    const [before] = await listJson(dir);
    rmSync(path.join(dir, 'runs', 'history.jsonl'));
    expect(await listJson(dir)).toHaveLength(0);
    const r = await runCli(['runs', 'reindex', '--runs-dir', 'runs'], { cwd: dir });
    expect(r.stdout).toContain('scanned 1 run directories');
    expect(r.stdout).toContain('indexed 1');
    const [after] = await listJson(dir);
    expect(after).toMatchObject({ id: before?.id, verdict: 'pass', complete: true, indexedBy: 'reindex' });
    expect(after?.suite.hash).toBe(before?.suite.hash);
  });

  it('deletes a run: outputs gone, index row kept and marked, audit line written', async () => {
    const dir = suiteDir(smokeSuite(server.url, '[models]'));
    expect((await runCli(['run', '--out', 'runs'], { cwd: dir })).code).toBe(0);
    const [entry] = await listJson(dir);
    const id = entry?.id ?? '';
    const unconfirmed = await runCli(['runs', 'delete', id, '--runs-dir', 'runs'], { cwd: dir });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(existsSync(path.join(dir, 'runs', id, 'results.jsonl'))).toBe(true);

    const del = await runCli(['runs', 'delete', id, '--runs-dir', 'runs', '--yes', '--reason', 'holds PII'], {
      cwd: dir,
    });
    expect(del.code, del.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'runs', id))).toBe(false);
    expect(await listJson(dir)).toHaveLength(0);
    const [kept] = await listJson(dir, '--all');
    expect(kept).toMatchObject({ id, deleted: { by: os.userInfo().username, reason: 'holds PII' } });
    const history = readFileSync(path.join(dir, 'runs', 'history.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(history.map((l) => JSON.parse(l).op)).toEqual(['index', 'delete']);

    const audit = await runCli(['runs', 'audit', '--runs-dir', 'runs'], { cwd: dir });
    expect(audit.stdout).toMatch(new RegExp(`delete\\s+${id}\\s+${os.userInfo().username}.*holds PII`));
    const records = JSON.parse(
      (await runCli(['runs', 'audit', '--runs-dir', 'runs', '--json'], { cwd: dir })).stdout,
    );
    expect(records).toHaveLength(1);
    const show = await runCli(['runs', 'show', id, '--runs-dir', 'runs'], { cwd: dir });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/deleted .* holds PII/);
    expect(show.stdout).toContain('(outputs removed)');
  });
});

describe('gauntlet export', () => {
  it('writes Prometheus text and JSON lines of a stored run', async () => {
    const dir = suiteDir(smokeSuite(server.url, '[models, basic]'));
    expect((await runCli(['run', '--out', 'runs'], { cwd: dir })).code).toBe(0);
    const prom = await runCli(['export', 'latest', '--format', 'prometheus', '--runs-dir', 'runs'], {
      cwd: dir,
    });
    expect(prom.code, prom.stderr).toBe(0);
    const families = parsePrometheus(prom.stdout);
    const names = families.map((f) => f.name);
    expect(names).toContain('gauntlet_run_verdict');
    expect(names).toContain('gauntlet_checks');
    expect(names).toContain('gauntlet_smoke_latency_ms');
    expect(families.find((f) => f.name === 'gauntlet_smoke_latency_ms')?.type).toBe('summary');

    const runDir = path.join(dir, 'runs', 'latest');
    const jsonl = await runCli(['export', runDir, '--format', 'jsonl', '--out', 'out.jsonl'], { cwd: dir });
    expect(jsonl.code, jsonl.stderr).toBe(0);
    const lines = readFileSync(path.join(dir, 'out.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'check').map((l) => l.id)).toEqual(['smoke.models', 'smoke.basic']);
    expect(lines.filter((l) => l.type === 'metric').length).toBeGreaterThan(0);
  });

  it('exit 2 for an unknown run (naming where it looked) or format', async () => {
    const dir = suiteDir('');
    const missing = await runCli(['export', 'nope', '--format', 'jsonl'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(path.join(dir, '.gauntlet', 'runs', 'nope'));
    const format = await runCli(['export', 'latest', '--format', 'csv'], { cwd: dir });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('prometheus, jsonl');
  });
});
