import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStageOptions } from '../../../../src/config/stages/load.js';
import { createHttpSender, type HttpSenderOptions } from '../../../../src/stages/load/request/index.js';
import type { LoadRequest } from '../../../../src/stages/load/types.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
let connections = 0;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    route(req.url ?? '', res);
  });
});
server.on('connection', () => connections++);

function route(url: string, res: ServerResponse): void {
  if (url.startsWith('/slow')) {
    // Headers now, the body in two parts: first byte and body end must be told apart.
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-slow' });
    setTimeout(() => {
      res.write('{"part":');
      setTimeout(() => res.end('1}'), 150);
    }, 30);
  } else if (url.startsWith('/hang')) {
    res.writeHead(200);
    res.write('{');
  } else if (url.startsWith('/teapot')) {
    res.writeHead(418, { 'content-type': 'application/json' });
    res.end('{"error": "I am a teapot"}');
  } else if (url.startsWith('/created')) {
    res.writeHead(201);
    res.end();
  } else {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
    res.end(JSON.stringify({ score: 0.9, big: 'x'.repeat(100_000) }));
  }
}

// Listening before the tests are collected: senders are built in describe blocks, with this URL.
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function sender(request: Partial<HttpSenderOptions['request']>, extra: Partial<HttpSenderOptions> = {}) {
  const s = createHttpSender({
    baseUrl: `${baseUrl}/`,
    headers: { Authorization: 'Bearer t', 'X-Team': 'ml' },
    request: { method: 'POST', path: '/predict/{{id}}', headers: {}, ...request },
    timeoutMs: 2_000,
    ...extra,
  });
  afterAll(() => s.close());
  return s;
}

const row = (index: number, vars: Record<string, unknown>): LoadRequest => ({ index, body: {}, vars });
const signal = () => new AbortController().signal;

describe('HTTP sender', () => {
  const predict = sender({
    headers: { 'x-user': 'user-{{id}}', 'X-Team': 'search' },
    body: { inputs: '{{features}}', text: 'id {{id}}: {{text}}', fixed: true },
  });

  it('fills path, headers and body from the row and measures the response', async () => {
    seen.length = 0;
    const out = await predict(row(4, { id: 'a b', features: [1, 2.5], text: 'hello' }), signal());
    expect(out.error).toBeUndefined();
    expect(out.ok).toBe(true);
    expect(out.status).toBe(200);
    expect(out.index).toBe(4);
    expect(out.requestId).toBe('req-1');
    expect(out.ttfbMs).toBeGreaterThan(0);
    expect(out.ttfbMs).toBeLessThanOrEqual(out.e2eMs as number);
    expect(out.e2eCloseMs).toBe(out.e2eMs);
    expect(out.outputTokensSource).toBe('none');
    expect(out.sentAtEpochMs).toBeCloseTo(performance.timeOrigin + out.sentAt, 6);
    const got = seen[0] as Seen;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/predict/a%20b');
    expect(got.headers['x-user']).toBe('user-a b');
    expect(got.headers['x-team']).toBe('search'); // the request's header wins over the target's
    expect(got.headers.authorization).toBe('Bearer t');
    expect(got.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got.body)).toEqual({ inputs: [1, 2.5], text: 'id a b: hello', fixed: true });
  });

  it('keeps one keep-alive connection for requests in sequence', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) {
      expect((await predict(row(i, { id: i, features: [], text: '' }), signal())).ok).toBe(true);
    }
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('ttfb is the first body byte, e2e the end of the body', async () => {
    const out = await sender({ method: 'GET', path: '/slow' })(row(0, {}), signal());
    expect(out.ok).toBe(true);
    expect(out.requestId).toBe('req-slow');
    expect(out.ttfbMs).toBeGreaterThanOrEqual(25);
    expect(out.e2eMs as number).toBeGreaterThanOrEqual((out.ttfbMs as number) + 100);
  });

  it('without a body template, POST sends the row itself; GET sends nothing', async () => {
    seen.length = 0;
    await sender({ path: '/plain' })(row(0, { a: 1 }), signal());
    await sender({ method: 'GET', path: '/plain' })(row(0, { a: 1 }), signal());
    expect(seen.map((s) => s.body)).toEqual(['{"a":1}', '']);
  });

  it('takes the stage option as the config parses it', async () => {
    const request = loadStageOptions.request.parse({ path: '/created', body: { x: '{{x}}' } });
    const s = createHttpSender({
      baseUrl,
      headers: {},
      request: request as NonNullable<typeof request>,
      timeoutMs: 1_000,
    });
    afterAll(() => s.close());
    seen.length = 0;
    expect((await s(row(0, { x: [1] }), signal())).ok).toBe(true);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.body).toBe('{"x":[1]}');
  });

  it('ok is a 2xx by default, or exactly expectStatus', async () => {
    const teapot = await sender({ path: '/teapot' })(row(0, {}), signal());
    expect(teapot.ok).toBe(false);
    expect(teapot.error).toMatchObject({ class: 'http', status: 418 });
    expect(teapot.error?.message).toMatch(/HTTP 418: \{"error": "I am a teapot"\}/);
    expect((await sender({ path: '/teapot', expectStatus: [418] })(row(0, {}), signal())).ok).toBe(true);
    expect((await sender({ path: '/created' })(row(0, {}), signal())).ok).toBe(true);
    const strict = await sender({ path: '/created', expectStatus: [200] })(row(0, {}), signal());
    expect(strict.error).toMatchObject({ class: 'http', status: 201 });
  });

  it('a missing variable is a failed outcome, not a throw, and nothing is sent', async () => {
    seen.length = 0;
    const out = await predict(row(0, { id: 1 }), signal());
    expect(out.ok).toBe(false);
    expect(out.error?.class).toBe('malformed');
    expect(out.error?.message).toMatch(/request not sent: .*\{\{features\}\}/);
    expect(seen).toHaveLength(0);
  });

  it('classifies timeout (body stalled), cancellation and connection refused', async () => {
    const hang = await sender({ method: 'GET', path: '/hang' }, { timeoutMs: 100 })(row(0, {}), signal());
    expect(hang.error?.class).toBe('timeout');
    expect(hang.status).toBe(200);

    const controller = new AbortController();
    const pending = sender({ method: 'GET', path: '/hang' })(row(0, {}), controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect((await pending).error?.class).toBe('aborted');

    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const refused = await sender({ path: '/x' }, { baseUrl: `http://127.0.0.1:${port}` })(
      row(0, { id: 1 }),
      signal(),
    );
    expect(refused.error?.class).toBe('connect');
    expect(refused.error?.message).toMatch(/ECONNREFUSED/);
  });

  it('times out each of many requests in flight at its own deadline; one abort cancels them all', async () => {
    const hang = sender({ method: 'GET', path: '/hang' }, { timeoutMs: 150 });
    const fast = sender({ method: 'GET', path: '/fast' }, { timeoutMs: 150 });
    const started = performance.now();
    const early = hang(row(0, {}), signal());
    await new Promise((resolve) => setTimeout(resolve, 60));
    // A request that finished in between must not disturb the timer of the ones still waiting.
    expect((await fast(row(1, {}), signal())).ok).toBe(true);
    const late = hang(row(2, {}), signal());
    const first = await early;
    const firstAt = performance.now() - started;
    const second = await late;
    const secondAt = performance.now() - started;
    expect([first.error?.class, second.error?.class]).toEqual(['timeout', 'timeout']);
    expect(firstAt).toBeGreaterThanOrEqual(145);
    expect(secondAt).toBeGreaterThanOrEqual(firstAt + 40);

    const controller = new AbortController();
    const slow = sender({ method: 'GET', path: '/hang' });
    const pending = [0, 1, 2].map((i) => slow(row(i, {}), controller.signal));
    setTimeout(() => controller.abort(), 30);
    const outcomes = await Promise.all(pending);
    expect(outcomes.map((o) => o.error?.class)).toEqual(['aborted', 'aborted', 'aborted']);
    // A signal that is already aborted: nothing is sent.
    expect((await slow(row(3, {}), controller.signal)).error?.class).toBe('aborted');
  });
});
