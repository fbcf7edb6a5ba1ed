import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../../src/serve/index.js';
import {
  createPrometheusScraper,
  DEFAULT_SCRAPE_METRICS,
} from '../../../../src/stages/load/monitor/index.js';
import { waitFor } from './helpers.js';

const nonEmpty = (values: Record<string, number>) => Object.keys(values).length > 0 && values;

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
    const idle = await waitFor('a first scrape', () => nonEmpty(scraper.snapshot()));
    expect(idle).toEqual({
      gauntlet_requests_in_flight: 0,
      gauntlet_queue_depth: 0,
      gauntlet_active_sequences: 0,
    });
    const pending = chat(server.url);
    const busy = await waitFor('a scrape during the request', () => {
      const s = scraper.snapshot();
      return s.gauntlet_requests_in_flight === 1 && s;
    });
    expect(busy.gauntlet_active_sequences).toBe(1);
    await (await pending).text();
    await waitFor('a scrape after the request', () => scraper.snapshot().gauntlet_requests_in_flight === 0);

    const result = await scraper.stop();
    expect(result.lastError).toBeUndefined();
    expect(result.failures).toBe(0);
    expect(result.scrapes).toBeGreaterThanOrEqual(3);
    expect(result.series.gauntlet_requests_in_flight).toEqual({ min: 0, max: 1, last: 0 });
    expect(Object.keys(result.series).sort()).toEqual(Object.keys(idle).sort());
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
    const before = await waitFor('a first scrape', () => nonEmpty(scraper.snapshot()));
    await (await chat(server.url)).text();
    const count = before.gauntlet_ttft_seconds_count!;
    const after = await waitFor('a scrape after the request', () => {
      const s = scraper.snapshot();
      return s.gauntlet_ttft_seconds_count === count + 1 && s;
    });
    const result = await scraper.stop();

    const okKey = 'gauntlet_requests_total{endpoint="/v1/chat/completions",status="200"}';
    expect(after[okKey]! - (before[okKey] ?? 0)).toBe(1);
    expect(after['gauntlet_ttft_seconds_bucket{le="+Inf"}']).toBe(count + 1);
    // The first token took 250 ms: it lands in the 0.25 s bucket, not in the 0.1 s one.
    expect(after['gauntlet_ttft_seconds_bucket{le="0.1"}']).toBe(
      before['gauntlet_ttft_seconds_bucket{le="0.1"}'],
    );
    expect(after.gauntlet_ttft_seconds_sum! - before.gauntlet_ttft_seconds_sum!).toBeGreaterThanOrEqual(0.25);
    expect(after.gauntlet_requests_in_flight).toBeUndefined();
    expect(result.series.gauntlet_ttft_seconds_count).toMatchObject({ min: count, max: count + 1 });
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
    // A refused connection fails at once, so several attempts finish in this time even on a slow machine.
    await delay(100);
    expect(scraper.snapshot()).toEqual({});
    const result = await scraper.stop();
    expect(result.scrapes).toBeGreaterThanOrEqual(1);
    expect(result.failures).toBe(result.scrapes);
    expect(result.lastError).toMatch(/refused/);
    expect(result.series).toEqual({});
  });

  it('counts a page that is not Prometheus text, or an error status, as a failure', async () => {
    let page = '<html><body>Not found</body></html>';
    let status = 200;
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(status).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    // Scrapes never overlap, so once the server sees the next one, the one before has been counted.
    const scrapeTwice = async () => {
      hits = 0;
      const scraper = createPrometheusScraper({ url, intervalMs: 10, timeoutMs: 1000 });
      scraper.start();
      await waitFor('a second scrape', () => hits >= 2);
      return { snapshot: scraper.snapshot(), result: await scraper.stop() };
    };
    try {
      const html = await scrapeTwice();
      expect(html.result.scrapes).toBeGreaterThanOrEqual(1);
      expect(html.result.failures).toBe(html.result.scrapes);
      expect(html.result.lastError).toMatch(/^not Prometheus text: line 1: /);
      expect(html.snapshot).toEqual({});

      page = 'tgi_queue_size 3\n';
      status = 500;
      const failing = await scrapeTwice();
      expect(failing.result.failures).toBe(failing.result.scrapes);
      expect(failing.result.lastError).toBe('HTTP 500');

      status = 200;
      const ok = await scrapeTwice();
      expect(ok.snapshot).toEqual({ tgi_queue_size: 3 });
      expect(ok.result).toMatchObject({
        failures: 0,
        series: { tgi_queue_size: { min: 3, max: 3, last: 3 } },
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
