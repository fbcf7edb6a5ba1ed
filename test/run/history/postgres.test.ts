/**
 * The run history in a real PostgreSQL server: GAUNTLET_TEST_PG_URL when CI started one
 * (scripts/pg-test-server.sh), else one this file starts from Debian's binaries, else skipped with
 * the reason in the name. Every test works in its own schema, dropped at the end, so reruns against
 * the same server are independent.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  deleteRun,
  entryFromSummary,
  type HistoryEntry,
  indexFinishedRun,
  openRunIndex,
  PgRunIndex,
  reindex,
} from '../../../src/run/history/index.js';
import { runCli, suiteDir } from '../../helpers/cli.js';
import { makeSummary } from '../../report/fixture.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../scripts/pg-test-server.sh', import.meta.url));
const GIVEN = process.env.GAUNTLET_TEST_PG_URL;
const PG_LIB = '/usr/lib/postgresql';
const hasBinaries =
  existsSync(PG_LIB) && readdirSync(PG_LIB).some((v) => existsSync(path.join(PG_LIB, v, 'bin', 'initdb')));
const available = Boolean(GIVEN) || hasBinaries;
const suite = available ? describe : describe.skip;

const PREFIX = `gauntlet_t${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];
let baseUrl = '';
let serverDir: string | undefined;

/** The server's URL with a schema of its own for `name`. */
function dbUrl(name: string): string {
  const schema = `${PREFIX}_${name}`;
  schemas.push(schema);
  return `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`;
}

/** A data-only suite (no target needed) over `people.csv`. */
const TINY_SUITE = `name: tiny-data
stages:
  - kind: data
    tables:
      - path: people.csv
        expect:
          - expect_column_values_to_be_unique: { column: id }
report:
  reporters: [json]
`;

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'gauntlet-pg-history-'));

function entry(id: string, startedAt: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  const base = entryFromSummary(makeSummary(), `/tmp/${id}`);
  return { ...base, id, startedAt, indexedAt: '2026-01-01T00:00:00.000Z', ...extra };
}

function fakeRun(root: string, id: string, startedAt = '2026-01-01T00:00:00.000Z') {
  const dir = path.join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ id, suite: 'gauntlet.yaml', startedAt }));
  writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ ...makeSummary(), runId: id, startedAt }));
  return dir;
}

/** A port nothing listens on (taken from the kernel, then released). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function sql<R extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

suite(`PostgreSQL run history${available ? '' : ' (skipped: no PostgreSQL; apt-get install -y postgresql)'}`, () => {
  beforeAll(async () => {
    if (GIVEN) {
      baseUrl = GIVEN;
      return;
    }
    serverDir = tmp();
    const { stdout } = await run('bash', [SCRIPT, 'start', serverDir], { timeout: 60_000 });
    baseUrl = stdout.trim();
  }, 90_000);

  afterAll(async () => {
    if (serverDir) {
      await run('bash', [SCRIPT, 'stop', serverDir]).catch(() => {});
      rmSync(serverDir, { recursive: true, force: true });
    } else if (baseUrl) {
      for (const s of schemas) await sql(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => {});
    }
  }, 60_000);

  it('records, lists newest first, filters by suite, limits, and a later record of an id wins', async () => {
    const index = new PgRunIndex(dbUrl('basic'));
    try {
      await index.record(entry('a', '2026-01-01T00:00:00Z'));
      await index.record(entry('b', '2026-01-02T00:00:00Z', { suite: { file: 'suites/other.yaml' } }));
      await index.record(entry('c', '2026-01-03T00:00:00Z', { suite: { file: 'x.yaml', name: 'named' } }));
      await index.record(entry('a', '2026-01-01T00:00:00Z', { verdict: 'pass' }));
      expect((await index.list()).map((e) => e.id)).toEqual(['c', 'b', 'a']);
      expect((await index.get('a'))?.verdict).toBe('pass');
      expect(await index.get('nope')).toBeUndefined();
      expect((await index.list({ suite: 'other.yaml' })).map((e) => e.id)).toEqual(['b']);
      expect((await index.list({ suite: 'suites/other.yaml' })).map((e) => e.id)).toEqual(['b']);
      expect((await index.list({ suite: 'named' })).map((e) => e.id)).toEqual(['c']);
      expect((await index.list({ limit: 2 })).map((e) => e.id)).toEqual(['c', 'b']);
      // The entry comes back as it went in, but for U+0000 (jsonb cannot hold it), which becomes U+FFFD.
      const sent = JSON.stringify(
        entry('c', '2026-01-03T00:00:00Z', { suite: { file: 'x.yaml', name: 'named' } }),
      );
      expect(sent).toContain('\\u0000');
      expect(await index.get('c')).toEqual(JSON.parse(sent.replaceAll('\\u0000', '\uFFFD')));
      // A lone surrogate (half an emoji cut by a truncation) is refused by jsonb too: it becomes U+FFFD.
      await index.record(
        entry('d', '2026-01-04T00:00:00Z', { suite: { file: 'x.yaml', name: 'cut \ud83d here' } }),
      );
      expect((await index.get('d'))?.suite.name).toBe('cut \uFFFD here');
    } finally {
      await index.close();
    }
  });

  it('keeps every record when two indexes write at once', async () => {
    const url = dbUrl('concurrent');
    const one = new PgRunIndex(url);
    const two = new PgRunIndex(url);
    try {
      await Promise.all(
        [one, two].flatMap((index, w) =>
          Array.from({ length: 40 }, (_, i) =>
            index.record(entry(`w${w}-${i}`, `2026-02-01T00:00:${String(i).padStart(2, '0')}Z`)),
          ),
        ),
      );
      const runs = await one.list();
      expect(runs).toHaveLength(80);
      expect(new Set(runs.map((r) => r.id)).size).toBe(80);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('creates the tables once when several processes open a fresh schema at once', async () => {
    const url = dbUrl('race');
    const indexes = Array.from({ length: 6 }, () => new PgRunIndex(url));
    try {
      await Promise.all(indexes.map((x, i) => x.record(entry(`r${i}`, '2026-03-01T00:00:00Z'))));
      expect(await indexes[0]?.list()).toHaveLength(6);
      const schema = schemas.at(-1);
      const tables = await sql<{ relname: string }>(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1",
        [schema],
      );
      expect(tables.map((t) => t.relname)).toEqual(['gauntlet_audit', 'gauntlet_run_records']);
      const triggers = await sql(
        'SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal',
        [schema],
      );
      expect(triggers).toHaveLength(2);
    } finally {
      await Promise.all(indexes.map((x) => x.close()));
    }
  });

  it('refuses to update or delete history rows: append-only is the database rule', async () => {
    const url = dbUrl('appendonly');
    const index = new PgRunIndex(url);
    await index.record(entry('a', '2026-01-01T00:00:00Z'));
    await index.close();
    const schema = schemas.at(-1);
    await expect(sql(`UPDATE "${schema}".gauntlet_run_records SET run_id = 'b'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(`DELETE FROM "${schema}".gauntlet_audit`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE "${schema}".gauntlet_run_records`)).rejects.toThrow(/append-only/);
  });

  it('reconnects after the server dropped the connection (a long-lived `view` keeps one index)', async () => {
    const url = dbUrl('reconnect');
    const schema = schemas.at(-1);
    const index = new PgRunIndex(url);
    try {
      await index.record(entry('a', '2026-01-01T00:00:00Z'));
      const killed = await sql<{ ok: boolean }>(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'gauntlet' AND query LIKE $1",
        [`%${schema}%`],
      );
      expect(killed.map((k) => k.ok)).toEqual([true]);
      await expect(index.list()).rejects.toThrow(/run history/);
      expect((await index.list()).map((e) => e.id)).toEqual(['a']);
    } finally {
      await index.close();
    }
  });

  it('marks a deletion that outlives reindex and re-recording, and audits it', async () => {
    const url = dbUrl('delete');
    const root = tmp();
    const dir = fakeRun(root, '20260101-000000-aaaaaa');
    fakeRun(root, '20260102-000000-bbbbbb', '2026-01-02T00:00:00.000Z');
    const first = await reindex(root, { db: url });
    expect(first.added).toHaveLength(2);
    expect(first.location).not.toContain('?sslmode');
    const r = await deleteRun(root, '20260101-000000-aaaaaa', {
      db: url,
      cwd: root,
      reason: 'GDPR request 42',
    });
    expect(r).toMatchObject({ removed: true, auditLocation: expect.stringContaining('gauntlet_audit') });
    expect(existsSync(dir)).toBe(false);
    await reindex(root, { db: url });
    const index = openRunIndex(root, { db: url });
    try {
      await index.record(entry('20260101-000000-aaaaaa', '2026-01-01T00:00:00Z'));
      expect((await index.list()).map((e) => e.id)).toEqual(['20260102-000000-bbbbbb']);
      const gone = await index.get('20260101-000000-aaaaaa');
      expect(gone?.deleted).toMatchObject({ by: os.userInfo().username, reason: 'GDPR request 42' });
      expect(await index.list({ includeDeleted: true })).toHaveLength(2);
      const audit = await index.readAudit();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'delete',
        runId: '20260101-000000-aaaaaa',
        user: os.userInfo().username,
        host: os.hostname(),
        reason: 'GDPR request 42',
        suiteHash: makeSummary().suite.hash,
      });
      await index.appendAudit({ ...audit[0]!, runId: 'other', reason: 'second' });
      expect((await index.readAudit()).map((a) => a.runId)).toEqual(['20260101-000000-aaaaaa', 'other']);
    } finally {
      await index.close();
    }
    // Nothing went to the JSONL file.
    expect(existsSync(path.join(root, 'history.jsonl'))).toBe(false);
    expect(existsSync(path.join(root, 'audit.jsonl'))).toBe(false);
  });

  it('`run --db` indexes a data suite there; `runs --db` lists it, `runs delete --db` audits it', async () => {
    const url = dbUrl('cli');
    const dir = suiteDir(TINY_SUITE, { 'people.csv': 'id,age\n1,30\n2,40\n' });
    const r = await runCli(['run', 'gauntlet.yaml', '--db', url], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, '.gauntlet/runs/history.jsonl'))).toBe(false);
    const list = await runCli(['runs', '--db', url, '--json'], { cwd: dir });
    expect(list.code).toBe(0);
    const runs = JSON.parse(list.stdout) as HistoryEntry[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ suite: { name: 'tiny-data' }, verdict: 'pass', indexedBy: 'run' });
    const id = runs[0]?.id ?? '';
    // GAUNTLET_DB says the same when no flag is given.
    const viaEnv = await runCli(['runs', 'show', id, '--json'], { cwd: dir, env: { GAUNTLET_DB: url } });
    expect(JSON.parse(viaEnv.stdout).entry.id).toBe(id);

    const del = await runCli(['runs', 'delete', id, '--db', url, '--yes', '--reason', 'test'], { cwd: dir });
    expect(del.code).toBe(0);
    expect(del.stdout).toContain('gauntlet_audit');
    const audit = await runCli(['runs', 'audit', '--db', url, '--json'], { cwd: dir });
    expect(JSON.parse(audit.stdout)).toMatchObject([{ action: 'delete', runId: id, reason: 'test' }]);
    expect(JSON.parse((await runCli(['runs', '--db', url, '--json'], { cwd: dir })).stdout)).toEqual([]);
  }, 60_000);

  it("the suite's report.history.db takes its URL from the environment", async () => {
    const url = dbUrl('suitekey');
    // TINY_SUITE ends in its `report:` block: the history key goes under it.
    const keyed = `${TINY_SUITE.replace('name: tiny-data', 'name: keyed')}  history: { db: "\${env:HISTORY_URL}" }\n`;
    const dir = suiteDir(keyed, { 'people.csv': 'id\n1\n' });
    const r = await runCli(['run', 'gauntlet.yaml'], { cwd: dir, env: { HISTORY_URL: url } });
    expect(r.code).toBe(0);
    const runs = JSON.parse((await runCli(['runs', '--db', url, '--json'], { cwd: dir })).stdout);
    expect(runs.map((e: HistoryEntry) => e.suite.name)).toEqual(['keyed']);
  }, 60_000);

  it('says clearly when the database cannot be reached or the URL is wrong, without the password', async () => {
    const port = await closedPort();
    const dir = tmp();
    const down = await runCli(['runs', '--db', `postgres://alice:hunter2@127.0.0.1:${port}/gauntlet`], {
      cwd: dir,
    });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(
      `cannot reach the run history at postgres://alice@127.0.0.1:${port}/gauntlet (ECONNREFUSED)`,
    );
    expect(down.stderr).toContain('is PostgreSQL running');
    expect(down.stderr).not.toContain('hunter2');

    const wrong = await runCli(['runs', 'audit', '--db', 'mysql://alice:hunter2@db/x'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/postgres:\/\/USER\[:PASSWORD\]@HOST/);
    expect(wrong.stderr).not.toContain('hunter2');

    const badSchema = await runCli(['runs', '--db', `${baseUrl}?schema=no;drop`], { cwd: dir });
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toContain('schema');
    // `run` checks the history URL before running anything.
    const suite = suiteDir(TINY_SUITE, { 'people.csv': 'id\n1\n' });
    const runBad = await runCli(['run', 'gauntlet.yaml', '--db', `${baseUrl}?schema=no;drop`], {
      cwd: suite,
    });
    expect(runBad.code).toBe(2);
    expect(runBad.stderr).toContain('schema');
    expect(existsSync(path.join(suite, '.gauntlet'))).toBe(false);

    // A run whose history is down still passes, stored, with a warning that says how to catch up.
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      await indexFinishedRun(dir, path.join(dir, 'r1'), makeSummary(), {
        db: `postgres://alice:hunter2@127.0.0.1:${port}/gauntlet`,
      });
      const text = String(warn.mock.calls[0]?.[0]);
      expect(text).toContain('stored in');
      expect(text).toContain(`not indexed in postgres://alice@127.0.0.1:${port}/gauntlet`);
      expect(text).toContain('gauntlet runs reindex');
      expect(text).toContain('--db');
      expect(text).not.toContain('hunter2');
    } finally {
      warn.mockRestore();
    }
  });
});
