/** The control API: bearer auth, add/list/remove/reset/stats, and bad fault bodies named by field. */
import { describe, expect, it } from 'vitest';
import { proxyTo, timed, upstream } from './helpers.js';

const TOKEN = 'test-token';

async function setup() {
  const up = await upstream();
  const proxy = await proxyTo(up, { control: { token: TOKEN } });
  const control = proxy.control!;
  const call = async (method: string, path: string, body?: unknown, token: string | null = TOKEN) => {
    const res = await fetch(control.url + path, {
      method,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  return { up, proxy, control, call };
}

describe('control API', () => {
  it('listens on 127.0.0.1 only and requires the bearer token', async () => {
    const { control, call } = await setup();
    expect(control.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const none = await call('GET', '/faults', undefined, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.body.error.message).toContain('Authorization: Bearer');
    expect((await call('GET', '/stats', undefined, 'wrong')).status).toBe(401);
    expect((await call('POST', '/reset', undefined, 'test-token-longer')).status).toBe(401);
  });

  it('adds, lists, removes and resets faults, which take effect at once', async () => {
    const { up, proxy, call } = await setup();
    const added = await call('POST', '/faults', { type: 'http_error', status: 503, retryAfter: 1 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'http_error', type: 'http_error', status: 503, toxicity: 1 });
    expect((await timed(`${proxy.url}/json`)).status).toBe(503);

    const second = await call('POST', '/faults', { type: 'latency', latency: '50ms', name: 'slow' });
    expect(second.body).toMatchObject({ name: 'slow', latency: 50, jitter: 0, direction: 'downstream' });
    expect((await call('POST', '/faults', { type: 'latency', latency: 1, name: 'slow' })).status).toBe(409);
    const third = await call('POST', '/faults', { type: 'http_error' });
    expect(third.body.name).toBe('http_error-2');

    const listed = await call('GET', '/faults');
    expect(listed.body.map((f: { name: string }) => f.name)).toEqual(['http_error', 'slow', 'http_error-2']);
    expect((await call('GET', '/faults/slow')).body.latency).toBe(50);

    expect((await call('DELETE', '/faults/http_error')).status).toBe(204);
    expect((await call('DELETE', '/faults/http_error')).status).toBe(404);
    const missing = await call('DELETE', '/faults/nope');
    expect(missing.body.error.message).toContain('slow');

    expect((await call('POST', '/reset')).status).toBe(204);
    expect((await call('GET', '/faults')).body).toEqual([]);
    expect((await timed(`${proxy.url}/json`)).status).toBe(200);

    const stats = await call('GET', '/stats');
    expect(stats.body).toMatchObject({ requests: 2, faulted: { http_error: 1 } });
    expect(stats.body.connections).toBeGreaterThanOrEqual(2);
    expect(stats.body.bytesDown).toBeGreaterThan(0);
    expect(stats.body.bytesUp).toBeGreaterThan(0);
    expect(up.seen).toHaveLength(1);
  });

  it('answers 400 naming the field of a bad fault', async () => {
    const { call } = await setup();
    const cases: [unknown, string, string][] = [
      [{ type: 'latency', latency: 'soon' }, 'latency', 'expected a duration'],
      [{ type: 'latency' }, 'latency', 'expected a duration'],
      [{ type: 'latncy', latency: 10 }, 'type', 'did you mean latency'],
      [{ latency: 10 }, 'type', 'no fault type'],
      [{ type: 'bandwidth', rate: -1 }, 'rate', '>0'],
      [{ type: 'http_error', toxicity: 2 }, 'toxicity', '<=1'],
      [{ type: 'down', jitter: 1 }, 'jitter', 'Fields: type, name, toxicity, direction'],
      [{ type: 'slicer', averageSize: 10, delya: 5 }, 'delya', 'did you mean delay'],
    ];
    for (const [body, path, message] of cases) {
      const r = await call('POST', '/faults', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.path, JSON.stringify(body)).toBe(path);
      expect(r.body.error.message, JSON.stringify(body)).toContain(message);
    }
    const notJson = await call('POST', '/faults', '{"type": latency');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toContain('not JSON');
    expect((await call('GET', '/faults')).body).toEqual([]);
  });

  it('names the routes and methods it has', async () => {
    const { call } = await setup();
    const r = await call('GET', '/toxics');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('/faults');
    const m = await call('PUT', '/faults');
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('GET, POST');
  });
});

describe('add', () => {
  it('keeps only the fault fields of a richer object, such as a scheduled chaos fault', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const scheduled = {
      type: 'http_error',
      status: 500,
      toxicity: 1,
      direction: 'downstream',
      at: 1000,
      duration: 2000,
    };
    proxy.add(scheduled as unknown as Parameters<typeof proxy.add>[0]);
    expect(proxy.list()).toEqual([
      { type: 'http_error', status: 500, toxicity: 1, direction: 'downstream', name: 'http_error' },
    ]);
    expect(() =>
      proxy.add({ type: 'down', toxicity: 1, direction: 'downstream', name: 'http_error' }),
    ).toThrow(/already active/);
  });
});
