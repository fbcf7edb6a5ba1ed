/** The viewer over real loopback sockets, no browser: the token wall, the Host check, the pages and the API. */
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewCommand } from '../../src/cli/commands/view.js';
import { deleteRun } from '../../src/run/history/index.js';
import { loadAlertRules } from '../../src/view/alerts.js';
import { type RunningViewer, startViewer } from '../../src/view/server.js';
import { runCli } from '../helpers/cli.js';
import { writeHistory } from './history.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
let viewer: RunningViewer;
let runsRoot: string;

beforeAll(async () => {
  runsRoot = await writeHistory([
    { id: 'r1', ttftMs: 20, suite: HOSTILE, startedAt: '2026-01-01T00:00:01Z' },
    { id: 'r2', ttftMs: 20, suite: HOSTILE, startedAt: '2026-01-01T00:00:02Z' },
    { id: 'r3', ttftMs: 60, suite: HOSTILE, counts: { pass: 7, fail: 3 }, startedAt: '2026-01-01T00:00:03Z' },
    { id: 'other', ttftMs: 20, startedAt: '2026-01-01T00:00:04Z' },
  ]);
  viewer = await startViewer({ runsDir: runsRoot, rules: loadAlertRules({}) });
});
afterAll(async () => {
  await viewer?.close();
});

/** A raw request (fetch cannot set Host). */
function get(path: string, headers: Record<string, string> = {}) {
  const url = new URL(viewer.origin);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}
const bearer = () => ({ authorization: `Bearer ${viewer.token}` });
const enc = encodeURIComponent;

const ROUTES = [
  '/',
  '/?suite=x',
  '/runs/r1',
  '/runs/r1/report',
  '/compare?base=r1&current=r3',
  '/trends',
  `/trends?suite=${enc(HOSTILE)}`,
  '/api/runs',
  '/api/runs/r1',
  '/api/compare?base=r1&current=r3',
  '/api/trends',
  '/nope',
  '/runs/..%2f..%2fetc',
];

describe('gauntlet view over HTTP', () => {
  it.each(ROUTES)('refuses %s without the token (401) and with a wrong one', async (route) => {
    const r = await get(route);
    expect(r.status).toBe(401);
    expect(r.body).toContain('the URL `gauntlet view` printed');
    expect((await get(route, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get(route, { cookie: `gauntlet_view_${new URL(viewer.origin).port}=wrong` })).status).toBe(
      401,
    );
    expect((await get(`${route}${route.includes('?') ? '&' : '?'}token=wrong`)).status).toBe(401);
  });

  it.each(['evil.example', 'attacker.test:80', 'localhost:1'])(
    'refuses Host %s even with the token (DNS rebinding)',
    async (host) => {
      const r = await get('/api/runs', { ...bearer(), host });
      expect(r.status).toBe(421);
      expect(r.body).toMatch(/Host header/);
    },
  );

  it('logs in from the printed URL: a cookie and a redirect without the token', async () => {
    expect(viewer.url).toBe(`${viewer.origin}/?token=${viewer.token}`);
    const r = await get(`/trends?suite=a&token=${viewer.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/trends?suite=a');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get('/', { cookie: cookie.split(';')[0] as string });
    expect(page.status).toBe(200);
  });

  it('serves every page with a nonce CSP, and hostile suite names only inside escaped JSON', async () => {
    for (const route of ROUTES.slice(0, 7)) {
      const r = await get(route, bearer());
      expect(r.status, route).toBe(200);
      expect(String(r.headers['content-security-policy'])).toMatch(
        route.endsWith('/report') ? /sandbox allow-scripts/ : /script-src 'nonce-/,
      );
      expect(r.body).not.toContain('<img src=x');
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers the JSON API', async () => {
    const runs = JSON.parse((await get('/api/runs', bearer())).body);
    expect(runs.runs.map((r: { id: string }) => r.id)).toEqual(['other', 'r3', 'r2', 'r1']);
    expect(runs.suites).toEqual([HOSTILE, 'gauntlet.yaml'].sort());
    const one = JSON.parse((await get('/api/runs/r3', bearer())).body);
    expect(one.summary.runId).toBe('r3');
    const cmp = JSON.parse((await get('/api/compare?base=r1&current=r3', bearer())).body);
    expect(cmp.metrics.find((m: { metric: string }) => m.metric === 'ttft').verdict).toBe('regressed');
    const trends = JSON.parse((await get(`/api/trends?suite=${enc(HOSTILE)}`, bearer())).body);
    expect(trends.points.map((p: { runId: string }) => p.runId)).toEqual(['r1', 'r2', 'r3']);
    expect(trends.alerts.map((a: { runId: string; rule: string }) => `${a.runId} ${a.rule}`)).toEqual([
      'r3 failure_rate > 10%',
      'r3 pass_rate drop > 5%',
    ]);
    expect(trends.alerts[0]).toMatchObject({ value: 30, limit: 10, unit: '%' });
  });

  it('answers unknown runs with 404 and a missing pick with 400', async () => {
    expect((await get('/api/runs/nope', bearer())).status).toBe(404);
    expect((await get('/runs/nope', bearer())).status).toBe(404);
    expect((await get('/api/compare?base=r1', bearer())).status).toBe(400);
    expect((await get('/api/trends?suite=nope', bearer())).status).toBe(404);
    expect((await get('/api/runs/%E0%A4%A', bearer())).status).toBe(400);
    expect((await get('/api/runs', { ...bearer(), 'content-length': '0' })).status).toBe(200);
  });

  it('filters the run list by suite (name or file)', async () => {
    const runs = async (q: string) =>
      JSON.parse((await get(`/api/runs?suite=${enc(q)}`, bearer())).body).runs.map(
        (r: { id: string }) => r.id,
      );
    expect(await runs('gauntlet.yaml')).toEqual(['other']);
    expect(await runs('nope')).toEqual([]);
    expect(await runs(HOSTILE)).toEqual(['r3', 'r2', 'r1']);
  });
});

describe('gauntlet view of a deleted run', () => {
  it('shows its index entry, no report, and refuses to compare it', async () => {
    const root = await writeHistory([
      { id: 'gone', ttftMs: 20, startedAt: '2026-01-01T00:00:01Z' },
      { id: 'kept', ttftMs: 20, startedAt: '2026-01-01T00:00:02Z' },
    ]);
    await deleteRun(root, 'gone', { cwd: root, reason: 'test' });
    const v = await startViewer({ runsDir: root });
    try {
      const headers = { authorization: `Bearer ${v.token}` };
      const list = (await (await fetch(`${v.origin}/api/runs`, { headers })).json()) as {
        runs: { id: string; deleted: boolean }[];
      };
      expect(list.runs.map((r) => [r.id, r.deleted])).toEqual([
        ['kept', false],
        ['gone', true],
      ]);
      const one = (await (await fetch(`${v.origin}/api/runs/gone`, { headers })).json()) as Record<
        string,
        unknown
      >;
      expect(one.summary).toBeUndefined();
      expect((await fetch(`${v.origin}/runs/gone`, { headers })).status).toBe(200);
      expect((await fetch(`${v.origin}/runs/gone/report`, { headers })).status).toBe(404);
      expect((await fetch(`${v.origin}/api/compare?base=gone&current=kept`, { headers })).status).toBe(404);
    } finally {
      await v.close();
    }
  });
});

describe('gauntlet view command', () => {
  it('refuses a non-loopback --host and a malformed alert rule with exit 2', async () => {
    const host = await runCli(['view', '--host', '0.0.0.0']);
    expect(host.code).toBe(2);
    expect(host.stderr).toMatch(/binds loopback only/);
    const rule = await runCli(['view', '--alert', 'failure_rate > lots']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/--alert: alert rule "failure_rate > lots"/);
    const db = await runCli(['view', '--db', 'mysql://x/y']);
    expect(db.code).toBe(2);
    expect(db.stderr).toMatch(/postgres:\/\//);
    const busy = await runCli(['view', '--runs-dir', runsRoot, '--port', new URL(viewer.origin).port]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
  });

  it('prints the URL with the token, serves it with the given rules until the signal', async () => {
    const stop = new AbortController();
    let out = '';
    const stdout = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const io = { stdout, stderr: stdout, env: {}, cwd: runsRoot, signal: stop.signal, color: false };
    const running = viewCommand({ runsDir: '.', alert: ['ttft_p95 rise > 20%'] }, io);
    for (let i = 0; i < 100 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
    const m = /^Gauntlet viewer: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]{43})\n/.exec(out);
    expect(m, out).not.toBeNull();
    const [, origin, token] = m as RegExpExecArray;
    expect((await fetch(`${origin}/api/trends`)).status).toBe(401);
    const trends = (await (
      await fetch(`${origin}/api/trends`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { rules: string[] };
    expect(trends.rules).toEqual(['ttft_p95 rise > 20%']);
    stop.abort();
    expect(await running).toBe(0);
    expect(out).toContain('gauntlet view: stopped');
    await expect(fetch(`${origin}/api/trends`)).rejects.toThrow();
  });
});
