/** The run index: append-only, safe with concurrent writers, rebuilt from run directories, deletion audited. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  deleteRun,
  entryFromSummary,
  findRun,
  headlineMetrics,
  JsonlRunIndex,
  openRunIndex,
  readAudit,
  reindex,
} from '../../../src/run/history/index.js';
import { makeSummary } from '../../report/fixture.js';

const run = promisify(execFile);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'gauntlet-history-'));

/** A run directory as the run store leaves it; without a summary when `summary` is false. */
function fakeRun(root: string, id: string, opts: { summary?: boolean; startedAt?: string } = {}) {
  const dir = path.join(root, id);
  mkdirSync(dir, { recursive: true });
  const startedAt = opts.startedAt ?? '2026-01-01T00:00:00.000Z';
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ id, suite: 'gauntlet.yaml', startedAt }));
  writeFileSync(path.join(dir, 'results.jsonl'), '{"type":"check"}\n');
  if (opts.summary !== false) {
    writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ ...makeSummary(), runId: id, startedAt }));
  }
  return dir;
}

describe('headline metrics', () => {
  it('reads pass rate per stage and the worst p95s, tokens/s and error rate', () => {
    const s = makeSummary();
    const m = headlineMetrics({
      stages: s.stages,
      metrics: [
        { name: 'ttft', kind: 'trend', tags: {}, count: 3, values: { p95: 40 } },
        { name: 'ttft', kind: 'trend', tags: {}, count: 3, values: { p95: 90 } },
        { name: 'e2e', kind: 'trend', tags: {}, count: 3, values: { p95: 700 } },
        { name: 'output_tokens_per_s', kind: 'gauge', tags: {}, count: 1, values: { value: 250 } },
        { name: 'error_rate', kind: 'rate', tags: {}, count: 10, values: { rate: 0.1 } },
      ],
    });
    expect(m).toMatchObject({ ttftP95Ms: 90, e2eP95Ms: 700, outputTokensPerS: 250, errorRate: 0.1 });
    for (const st of s.stages) {
      const judged = st.counts.pass + st.counts.fail + st.counts.error;
      if (judged > 0) expect(m.passRateByStage[st.name]).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(m.passRateByStage).length).toBeGreaterThan(0);
  });
});

describe('JSONL index', () => {
  it('lists newest first, filters by suite, and a later record of an id replaces the earlier', async () => {
    const root = tmp();
    const index = openRunIndex(root);
    const base = entryFromSummary(makeSummary(), path.join(root, 'x'));
    await index.record({ ...base, id: 'a', startedAt: '2026-01-01T00:00:00Z' });
    await index.record({
      ...base,
      id: 'b',
      startedAt: '2026-01-02T00:00:00Z',
      suite: { file: 'other.yaml' },
    });
    await index.record({ ...base, id: 'a', startedAt: '2026-01-01T00:00:00Z', verdict: 'pass' });
    expect((await index.list()).map((e) => e.id)).toEqual(['b', 'a']);
    expect((await index.get('a'))?.verdict).toBe('pass');
    expect((await index.list({ suite: 'other.yaml' })).map((e) => e.id)).toEqual(['b']);
    expect(await index.list({ limit: 1 })).toHaveLength(1);
    // A torn last line (a crash mid-write) is skipped, not fatal.
    writeFileSync(index.location, `${readFileSync(index.location, 'utf8')}{"op":"index","ent`);
    expect(await index.list()).toHaveLength(2);
  });

  it('keeps every record when several processes append at once', async () => {
    const root = tmp();
    const file = path.join(root, 'history.jsonl');
    const src = fileURLToPath(new URL('../../../src/run/history/jsonl.ts', import.meta.url));
    const script = path.join(root, 'writer.mts');
    writeFileSync(
      script,
      `import { JsonlRunIndex } from ${JSON.stringify(src)};
const index = new JsonlRunIndex(${JSON.stringify(file)});
const who = process.argv[2];
const pad = 'x'.repeat(3000);
for (let i = 0; i < 150; i++)
  await index.record({ id: who + '-' + i, suite: { file: pad }, verdict: 'pass', targets: [], runDir: '/', complete: true, metrics: { passRateByStage: {} }, indexedAt: '', indexedBy: 'run' });
`,
    );
    const tsx = path.resolve('node_modules/tsx/dist/esm/index.mjs');
    await Promise.all(['p', 'q', 'r', 's'].map((w) => run(process.execPath, ['--import', tsx, script, w])));
    const runs = await new JsonlRunIndex(file).list();
    expect(runs).toHaveLength(600);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(600);
  }, 60_000);
});

describe('reindex', () => {
  it('indexes run directories made before the index, incomplete ones too, once', async () => {
    const root = tmp();
    fakeRun(root, '20260101-000000-aaaaaa', { startedAt: '2026-01-01T00:00:00.000Z' });
    fakeRun(root, '20260102-000000-bbbbbb', { summary: false, startedAt: '2026-01-02T00:00:00.000Z' });
    mkdirSync(path.join(root, 'not-a-run'));
    symlinkSync('20260101-000000-aaaaaa', path.join(root, 'latest'));
    const first = await reindex(root);
    expect(first).toMatchObject({ scanned: 2 });
    expect(first.added).toHaveLength(2);
    const runs = await openRunIndex(root).list();
    expect(runs.map((r) => [r.id, r.complete, r.indexedBy])).toEqual([
      ['20260102-000000-bbbbbb', false, 'reindex'],
      ['20260101-000000-aaaaaa', makeSummary().complete, 'reindex'],
    ]);
    expect(runs[0]?.verdict).toBe('unknown');
    expect((await reindex(root)).added).toHaveLength(0);
    // A run indexed while it had no summary is indexed again once it has one.
    fakeRun(root, '20260102-000000-bbbbbb', { startedAt: '2026-01-02T00:00:00.000Z' });
    expect((await reindex(root)).added.map((e) => e.id)).toEqual(['20260102-000000-bbbbbb']);
    expect((await openRunIndex(root).get('20260102-000000-bbbbbb'))?.verdict).toBe(makeSummary().verdict);
  });
});

describe('delete', () => {
  it('removes the outputs, keeps the entry marked deleted and appends an audit line', async () => {
    const root = tmp();
    const dir = fakeRun(root, '20260101-000000-aaaaaa');
    symlinkSync('20260101-000000-aaaaaa', path.join(root, 'latest'));
    const r = await deleteRun(root, 'latest', { cwd: root, reason: 'GDPR request 42' });
    expect(r).toMatchObject({ id: '20260101-000000-aaaaaa', removed: true });
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(path.join(root, 'latest'))).toBe(false);
    const index = openRunIndex(root);
    expect(await index.list()).toHaveLength(0);
    const all = await index.list({ includeDeleted: true });
    expect(all).toHaveLength(1);
    expect(all[0]?.deleted).toMatchObject({ by: os.userInfo().username, reason: 'GDPR request 42' });
    const audit = readAudit(root);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'delete',
      runId: '20260101-000000-aaaaaa',
      user: os.userInfo().username,
      host: os.hostname(),
      reason: 'GDPR request 42',
      suiteHash: makeSummary().suite.hash,
    });
    // A reindex does not resurrect it, and deleting it again says it is gone.
    await reindex(root);
    expect(await index.list()).toHaveLength(0);
    await expect(deleteRun(root, '20260101-000000-aaaaaa', { cwd: root })).rejects.toThrow(/already deleted/);
    expect(readAudit(root)).toHaveLength(1);
  });

  it('names where it looked for a missing run (exit 2)', async () => {
    const root = tmp();
    const err = await findRun(root, 'nope', root).catch((e) => e);
    expect(err).toMatchObject({ code: 'E_RUN_NOT_FOUND', exitCode: 2 });
    expect(err.message).toContain(path.join(root, 'nope'));
    expect(err.message).toContain(path.join(root, 'history.jsonl'));
  });
});

describe('entries', () => {
  it('drop credentials written into a target URL', () => {
    const s = makeSummary();
    s.targets = [{ name: 't', url: 'https://bob:hunter2@llm.example/v1', model: 'm' }];
    const e = entryFromSummary(s, '/tmp/x');
    expect(e.targets[0]?.url).toBe('https://llm.example/v1');
    expect(JSON.stringify(e)).not.toContain('hunter2');
  });
});
