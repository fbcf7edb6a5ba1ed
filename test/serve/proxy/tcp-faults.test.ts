/** The TCP faults, each measured at the client against its settings, over real loopback sockets. */
import { describe, expect, it } from 'vitest';
import { fault, getRequest, median, pattern, proxyTo, raw, timed, upstream } from './helpers.js';

describe('latency', () => {
  it('adds at least the set delay to what the client receives', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const base = median(
      await Promise.all([1, 2, 3].map(() => timed(`${proxy.url}/bytes?n=100`).then((r) => r.ttfb))),
    );
    proxy.add(fault({ type: 'latency', latency: 200, jitter: 0 }));
    for (let i = 0; i < 3; i++) {
      const r = await timed(`${proxy.url}/bytes?n=100`);
      expect(r.status).toBe(200);
      expect(r.body.equals(pattern(100))).toBe(true);
      expect(r.ttfb).toBeGreaterThanOrEqual(200);
      expect(r.ttfb).toBeLessThan(base + 200 + 1000);
    }
    // Connections still closing when the fault was added count too: faults meet open connections.
    expect(proxy.stats().faulted.latency).toBeGreaterThanOrEqual(3);
  });

  it('keeps jitter within latency ± jitter, and does vary', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up, { seed: 11 });
    proxy.add(fault({ type: 'latency', latency: 100, jitter: 60 }));
    const ttfbs: number[] = [];
    for (let i = 0; i < 12; i++) ttfbs.push((await timed(`${proxy.url}/bytes?n=10`)).ttfb);
    expect(Math.min(...ttfbs)).toBeGreaterThanOrEqual(40);
    // The upper bound gets room for a loaded machine; the draws themselves are at most 160 ms.
    expect(Math.max(...ttfbs)).toBeLessThan(160 + 400);
    expect(Math.max(...ttfbs) - Math.min(...ttfbs)).toBeGreaterThan(25);
  });

  it('upstream delays only the request path; downstream only the response path', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'latency', latency: 250, direction: 'upstream' }));
    let r = await timed(`${proxy.url}/bytes?n=10`);
    let seen = up.seen.at(-1)!;
    expect(seen.at - r.sentAt).toBeGreaterThanOrEqual(250);
    expect(r.sentAt + r.total - seen.at).toBeLessThan(200);
    proxy.clear();
    proxy.add(fault({ type: 'latency', latency: 250, direction: 'downstream' }));
    r = await timed(`${proxy.url}/bytes?n=10`);
    seen = up.seen.at(-1)!;
    expect(seen.at - r.sentAt).toBeLessThan(200);
    expect(r.sentAt + r.ttfb - seen.at).toBeGreaterThanOrEqual(249);
  });

  it('releases held data when removed', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'latency', latency: 20_000 }));
    const pending = timed(`${proxy.url}/bytes?n=10`);
    await new Promise((r) => setTimeout(r, 200));
    expect(proxy.remove('latency')).toBe(true);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.total).toBeGreaterThanOrEqual(200);
    expect(r.total).toBeLessThan(5000);
  });
});

describe('bandwidth', () => {
  const rate = 500; // KiB/s
  const n = 1 << 20;

  it('delivers a 1 MiB response within 10% of the set rate', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'bandwidth', rate }));
    const r = await raw(proxy.port, getRequest(`/bytes?n=${n}`), { waitMs: 20_000 });
    expect(r.ended).toBe('end');
    expect(r.data.length).toBeGreaterThan(n);
    const measured = r.data.length / ((r.endedAt - r.sentAt) / 1000);
    expect(measured / (rate * 1024)).toBeGreaterThan(0.9);
    expect(measured / (rate * 1024)).toBeLessThan(1.1);
  });

  it('upstream limits the request body within 10% of the set rate', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'bandwidth', rate, direction: 'upstream' }));
    const r = await timed(`${proxy.url}/echo`, { method: 'POST', body: pattern(n) });
    expect(JSON.parse(r.body.toString())).toEqual({ received: n });
    const seen = up.seen.at(-1)!;
    // From the request's start (the headers went through the same limit) to its last body byte.
    const measured = (n + 100) / ((seen.lastBodyAt! - r.sentAt) / 1000);
    expect(measured / (rate * 1024)).toBeGreaterThan(0.9);
    expect(measured / (rate * 1024)).toBeLessThan(1.1);
  });
});

describe('slicer', () => {
  it('delivers in slices of the set size, the set delay apart', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'slicer', averageSize: 100, sizeVariation: 0, delay: 25 }));
    const r = await raw(proxy.port, getRequest('/bytes?n=1000'));
    expect(r.ended).toBe('end');
    expect(r.data.subarray(r.data.length - 1000).equals(pattern(1000))).toBe(true);
    const sizes = r.chunks.map((c) => c.size);
    const slices = Math.ceil(r.data.length / 100);
    expect(median(sizes)).toBe(100);
    // Slices can merge in the client's receive buffer on a busy machine, but not most of them.
    expect(sizes.length).toBeGreaterThanOrEqual(Math.floor(slices * 0.6));
    expect(r.chunks.at(-1)!.at - r.chunks[0]!.at).toBeGreaterThanOrEqual((slices - 2) * 25);
  });

  it('varies slice sizes within averageSize ± sizeVariation', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up, { seed: 3 });
    proxy.add(fault({ type: 'slicer', averageSize: 100, sizeVariation: 40, delay: 20 }));
    const r = await raw(proxy.port, getRequest('/bytes?n=2000'));
    const sizes = r.chunks.map((c) => c.size).slice(0, -1);
    const inRange = sizes.filter((s) => s >= 60 && s <= 140);
    expect(inRange.length).toBeGreaterThanOrEqual(sizes.length * 0.6);
    expect(new Set(inRange).size).toBeGreaterThan(3);
  });
});

describe('limit_data', () => {
  it('closes after exactly the set number of bytes to the client', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'limit_data', bytes: 777 }));
    const r = await raw(proxy.port, getRequest('/bytes?n=5000'));
    expect(r.ended).toBe('end');
    expect(r.data.length).toBe(777);
    expect(r.data.subarray(0, 15).toString()).toBe('HTTP/1.1 200 OK');
    expect(proxy.stats().bytesDown).toBe(777);
  });

  it('upstream cuts the request after exactly the set number of bytes', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'limit_data', bytes: 300, direction: 'upstream' }));
    const body = pattern(2000);
    const head = `POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await raw(proxy.port, Buffer.concat([Buffer.from(head), body]));
    expect(['end', 'ECONNRESET', 'close']).toContain(r.ended);
    expect(r.data.length).toBe(0);
    expect(proxy.stats().bytesUp).toBe(300);
    expect(up.seen.every((s) => !s.complete && s.bodyBytes < 300)).toBe(true);
  });

  it('counts bytes across keep-alive requests on one connection', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const twice = getRequest('/bytes?n=50', false) + getRequest('/bytes?n=50');
    const whole = await raw(proxy.port, twice);
    const second = whole.data.indexOf('HTTP/1.1', 1);
    expect(second).toBeGreaterThan(50);
    proxy.add(fault({ type: 'limit_data', bytes: second + 10 }));
    const r = await raw(proxy.port, twice);
    expect(r.data.length).toBe(second + 10);
    expect(r.data.equals(whole.data.subarray(0, second + 10))).toBe(true);
  });
});

describe('reset_peer', () => {
  it('downstream resets the client once the response starts: the upstream did get the request', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'reset_peer', timeout: 0 }));
    const r = await raw(proxy.port, getRequest('/bytes?n=10'));
    expect(r.ended).toBe('ECONNRESET');
    expect(r.data.length).toBe(0);
    expect(up.seen).toHaveLength(1);
  });

  it('upstream resets before the request reaches the upstream, after the set timeout', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'reset_peer', timeout: 300, direction: 'upstream' }));
    const r = await raw(proxy.port, getRequest('/bytes?n=10'));
    expect(r.ended).toBe('ECONNRESET');
    expect(r.endedAt - r.sentAt).toBeGreaterThanOrEqual(300);
    expect(r.endedAt - r.sentAt).toBeLessThan(3000);
    expect(up.seen).toHaveLength(0);
  });
});

describe('timeout', () => {
  it('holds all data and closes after the timeout', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'timeout', timeout: 400 }));
    const r = await raw(proxy.port, getRequest('/bytes?n=10'));
    expect(['end', 'close', 'ECONNRESET']).toContain(r.ended);
    expect(r.data.length).toBe(0);
    expect(r.endedAt - r.sentAt).toBeGreaterThanOrEqual(399);
    expect(r.endedAt - r.sentAt).toBeLessThan(3000);
    expect(up.seen).toHaveLength(1);
  });

  it('with 0 holds until removed, then lets the data through', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'timeout', timeout: 0 }));
    const pending = timed(`${proxy.url}/bytes?n=10`);
    await new Promise((r) => setTimeout(r, 300));
    proxy.remove('timeout');
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.ttfb).toBeGreaterThanOrEqual(299);
  });
});

describe('down', () => {
  it('refuses new connections and drops open ones until removed', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const open = raw(proxy.port, getRequest('/stream'));
    await new Promise((r) => setTimeout(r, 50));
    proxy.add(fault({ type: 'down' }));
    const dropped = await open;
    expect(dropped.ended).toBe('ECONNRESET');
    const refused = await raw(proxy.port, getRequest('/bytes?n=10'));
    expect(refused.ended).toBe('ECONNRESET');
    expect(refused.data.length).toBe(0);
    expect(up.seen).toHaveLength(1);
    proxy.remove('down');
    const back = await timed(`${proxy.url}/bytes?n=10`);
    expect(back.status).toBe(200);
    expect(proxy.stats().faulted.down).toBe(2);
  });
});

describe('toxicity', () => {
  it('0 never applies', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'reset_peer', toxicity: 0 }));
    for (let i = 0; i < 10; i++) expect((await raw(proxy.port, getRequest('/bytes?n=10'))).ended).toBe('end');
    expect(proxy.stats().faulted.reset_peer).toBeUndefined();
  });

  it('0.5 applies to about half the connections, the same ones for the same seed', async () => {
    const pattern = async (seed: number) => {
      const up = await upstream();
      const proxy = await proxyTo(up, { seed });
      proxy.add(fault({ type: 'reset_peer', toxicity: 0.5 }));
      const reset: boolean[] = [];
      for (let i = 0; i < 40; i++)
        reset.push((await raw(proxy.port, getRequest('/bytes?n=10'))).ended === 'ECONNRESET');
      expect(reset.filter(Boolean).length).toBe(proxy.stats().faulted.reset_peer);
      return reset;
    };
    const a = await pattern(42);
    const count = a.filter(Boolean).length;
    expect(count).toBeGreaterThanOrEqual(12);
    expect(count).toBeLessThanOrEqual(28);
    expect(await pattern(42)).toEqual(a);
    expect(await pattern(43)).not.toEqual(a);
  });
});
