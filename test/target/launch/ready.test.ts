import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForReady } from '../../../src/target/launch/ready.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close().closeAllConnections();
});

// A loopback server whose nth request (0-based) is handled by `handle`.
async function serve(
  handle: (n: number, res: ServerResponse, req: IncomingMessage) => void,
): Promise<string> {
  let n = 0;
  const server = createServer((req, res) => handle(n++, res, req));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

const never = new AbortController().signal;

describe('waitForReady', () => {
  it('is ready on the first 2xx, and on the exact expectStatus when one is set', async () => {
    const url = await serve((n, res) => res.writeHead(n < 2 ? 503 : n === 2 ? 204 : 200).end());
    const started = performance.now();
    const got = await waitForReady({ url, timeoutMs: 5000, intervalMs: 10 }, started, never);
    expect(got).toMatchObject({ ready: true });
    expect(got.ready && got.atMs).toBeGreaterThan(started);
    const exact = await waitForReady(
      { url, timeoutMs: 5000, intervalMs: 10, expectStatus: 200 },
      started,
      never,
    );
    expect(exact.ready).toBe(true);
  });

  it('keeps the last real answer when the final poll is cut short by the deadline', async () => {
    // 404 once, then hang: the hanging poll is cut by the 600ms deadline and must not hide the 404.
    const url = await serve((n, res) => {
      if (n === 0) res.writeHead(404).end();
    });
    const got = await waitForReady({ url, timeoutMs: 600, intervalMs: 10 }, performance.now(), never);
    expect(got).toEqual({ ready: false, aborted: false, lastPoll: 'HTTP 404' });
  });

  it('says when nothing answers at all', async () => {
    const url = await serve(() => undefined);
    const got = await waitForReady({ url, timeoutMs: 300, intervalMs: 10 }, performance.now(), never);
    expect(got.ready).toBe(false);
    expect(!got.ready && got.lastPoll).toMatch(/^no answer within \d+ms$/);
  });

  it('stops at once when aborted', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const started = performance.now();
    const got = await waitForReady(
      { url: 'http://127.0.0.1:9/health', timeoutMs: 10_000, intervalMs: 1000 },
      started,
      ctl.signal,
    );
    expect(got).toMatchObject({ ready: false, aborted: true });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
