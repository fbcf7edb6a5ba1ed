import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../../src/serve/index.js';
import { createPrometheusScraper, DEFAULT_SCRAPE_METRICS } from '../../../../src/stages/load/monitor/index.js';

const chat = (url: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gauntlet-sim', messages: [{ role: 'user', content: 'Echo: hi' }] }),
  });

describe('createPrometheusScraper against the reference server', async () => {
  // A slow first token keeps one request in flight long enough for several scrapes to see it.
  const server = await startServer({
    seed: 7,
    latency: { ttft: { dist: 'fixed', ms: 250 }, perToken: { dist: 'fixed', ms: 1 } },
  });
  afterAll(() => server.close());

  it('reads the default gauges and sees them move while a request is in flight', async () => {
    const scraper = createPrometheusScraper({
      url: `${server.url}/metrics`,
      intervalMs: 20,
      // Generous, so a slow first scrape on a busy CI machine is not a failure this test would blame.
      timeoutMs: 1000,
    });
    scraper.start();
    await delay(60);
    expect(scraper.snapshot()).toEqual({
      gauntlet_requests_in_flight: 0,
      gauntlet_queue_depth: 0,
      gauntlet_active_sequences: 0,
    });
    const pending = chat(server.url);
    await delay(120);
    const busy = scraper.snapshot();
    expect(busy.gauntlet_requests_in_flight).toBe(1);
    expect(busy.gauntlet_active_sequences).toBe(1);
    await (await pending).text();
    await delay(60);
    expect(scraper.snapshot().gauntlet_requests_in_flight).toBe(0);

    const result = await scraper.stop();
    expect(result.lastError).toBeUndefined();
    expect(result.failures).toBe(0);
    expect(result.scrapes).toBeGreaterThanOrEqual(8);
    expect(result.series.gauntlet_requests_in_flight).toEqual({ min: 0, max: 1, last: 0 });
    expect(Object.keys(result.series).sort()).toEqual(
      ['gauntlet_active_sequences', 'gauntlet_queue_depth', 'gauntlet_requests_in_flight'].sort(),
    );
    expect(DEFAULT_SCRAPE_METRICS).toEqual(expect.arrayContaining(Object.keys(result.series)));
  });

  it('keeps chosen counters and histogram series with their labels', async () => {
    const scraper = createPrometheusScraper({
      url: `${server.url}/metrics`,
      intervalMs: 20,
      timeoutMs: 1000,
      metrics: ['gauntlet_requests_total', 'gauntlet_ttft_seconds'],
    });
    scraper.start();
    await delay(50);
    const before = scraper.snapshot();
    await (await chat(server.url)).text();
    await delay(50);
    const after = scraper.snapshot();
    const result = await scraper.stop();

    const okKey = 'gauntlet_requests_total{endpoint="/v1/chat/completions",status="200"}';
    expect(after[okKey]! - (before[okKey] ?? 0)).toBe(1);
    expect(after.gauntlet_ttft_seconds_count! - before.gauntlet_ttft_seconds_count!).toBe(1);
    expect(after['gauntlet_ttft_seconds_bucket{le="+Inf"}']).toBe(after.gauntlet_ttft_seconds_count);
    expect(after['gauntlet_ttft_seconds_bucket{le="0.1"}']).toBe(before['gauntlet_ttft_seconds_bucket{le="0.1"}']);
    expect(after.gauntlet_requests_in_flight).toBeUndefined();
    expect(result.series.gauntlet_ttft_seconds_count!.max).toBe(after.gauntlet_ttft_seconds_count);
  });
});

describe('createPrometheusScraper failures', () => {
  it('counts an unreachable target as failed scrapes and never throws', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const scraper = createPrometheusScraper({ url: `http://127.0.0.1:${port}/metrics`, intervalMs: 20 });
    scraper.start();
    await delay(70);
    expect(scraper.snapshot()).toEqual({});
    const result = await scraper.stop();
    expect(result.scrapes).toBeGreaterThanOrEqual(2);
    expect(result.failures).toBe(result.scrapes);
    expect(result.lastError).toMatch(/refused/);
    expect(result.series).toEqual({});
  });

  it('counts a page that is not Prometheus text, or an error status, as a failure', async () => {
    let page = '<html><body>Not found</body></html>';
    let status = 200;
    const server = createServer((_req, res) => res.writeHead(status).end(page));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      const html = createPrometheusScraper({ url, intervalMs: 500 });
      html.start();
      await delay(30);
      const htmlResult = await html.stop();
      expect(htmlResult).toMatchObject({ scrapes: 1, failures: 1 });
      expect(htmlResult.lastError).toMatch(/^not Prometheus text: line 1: /);

      page = 'tgi_queue_size 3\n';
      status = 500;
      const failing = createPrometheusScraper({ url, intervalMs: 500 });
      failing.start();
      await delay(30);
      expect(await failing.stop()).toMatchObject({ scrapes: 1, failures: 1, lastError: 'HTTP 500' });

      status = 200;
      const ok = createPrometheusScraper({ url, intervalMs: 500 });
      ok.start();
      await delay(30);
      expect(ok.snapshot()).toEqual({ tgi_queue_size: 3 });
      expect(await ok.stop()).toMatchObject({ scrapes: 1, failures: 0, series: { tgi_queue_size: { last: 3 } } });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
