import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../../src/serve/index.js';
import { createHealthProbe, type HealthSnapshot } from '../../../../src/stages/load/monitor/index.js';
import { waitFor } from './helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function reference(port = 0) {
  const server = await startServer({ seed: 7, port });
  cleanups.push(server.close);
  return server;
}

// A plain server whose answer the test controls, to see timeouts, statuses and overlap.
async function rawServer(handle: (send: (status: number) => void) => void): Promise<string> {
  const server: Server = createServer((_req, res) => handle((status) => res.writeHead(status).end('x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

// Adds up snapshots, so a test can wait for a number of probes while still exercising snapshot().
function tally(probe: { snapshot(): HealthSnapshot }) {
  const sum = { ok: 0, failed: 0 };
  return () => {
    const s = probe.snapshot();
    sum.ok += s.ok;
    sum.failed += s.failed;
    return sum;
  };
}

describe('createHealthProbe', () => {
  it('reports full uptime against a server that stays up', async () => {
    const server = await reference();
    const probe = createHealthProbe({ url: `${server.url}/health`, intervalMs: 20, timeoutMs: 1000 });
    probe.start();
    const seen = tally(probe);
    await waitFor('3 probes', () => seen().ok >= 3);
    const result = await probe.stop();
    expect(seen().failed).toBe(0);
    expect(result.probes).toBeGreaterThanOrEqual(3);
    expect(result.probes).toBe(result.ok);
    expect(result.failed).toBe(0);
    expect(result.uptime).toBe(1);
    expect(result.outages).toEqual([]);
    expect(result.longestOutageMs).toBe(0);
    expect(result.lastError).toBeUndefined();
  });

  it('records an outage while the server is down and its end when it returns', async () => {
    const first = await reference();
    const probe = createHealthProbe({ url: `${first.url}/health`, intervalMs: 20, timeoutMs: 1000 });
    const t0 = performance.now();
    probe.start();
    const seen = tally(probe);
    await waitFor('a good probe', () => seen().ok >= 1);
    await first.close();
    const downAt = performance.now() - t0;
    await waitFor('3 failed probes', () => seen().failed >= 3);
    await reference(first.port);
    const okBefore = seen().ok;
    await waitFor('a good probe after the restart', () => seen().ok > okBefore);
    const result = await probe.stop();

    expect(result.uptime).toBeGreaterThan(0);
    expect(result.uptime).toBeLessThan(1);
    expect(result.failed).toBeGreaterThanOrEqual(3);
    expect(result.probes).toBe(result.ok + result.failed);
    expect(result.outages).toHaveLength(1);
    const outage = result.outages[0]!;
    // Three failed probes on 20 ms slots lie inside it, and it ended after the server went down.
    expect(outage.endMs - outage.startMs).toBeGreaterThanOrEqual(35);
    expect(outage.endMs).toBeGreaterThan(downAt);
    expect(result.longestOutageMs).toBe(outage.endMs - outage.startMs);
    expect(result.lastError).toMatch(/refused|closed|reset/);
  });

  it('closes an outage still open at stop and counts non-2xx and timeouts as failures', async () => {
    let status = 200;
    const url = await rawServer((send) => {
      if (status !== 0) send(status); // 0: never answer
    });
    const probe = createHealthProbe({ url, intervalMs: 20, timeoutMs: 30 });
    probe.start();
    const seen = tally(probe);
    await waitFor('a good probe', () => seen().ok >= 1);
    status = 503;
    await waitFor('2 failed probes', () => seen().failed >= 2);
    status = 0;
    const failedBefore = seen().failed;
    // Probes never overlap, so the second failure from here was sent after the server stopped answering.
    await waitFor('2 timed-out probes', () => seen().failed >= failedBefore + 2);
    const result = await probe.stop();
    expect(result.ok).toBeGreaterThan(0);
    expect(result.failed).toBeGreaterThanOrEqual(4);
    expect(result.outages).toHaveLength(1);
    expect(result.outages[0]!.endMs).toBeGreaterThan(result.outages[0]!.startMs);
    expect(result.lastError).toBe('no answer within 30 ms');
  });

  it('never sends a probe while the previous one is unanswered', async () => {
    let open = 0;
    let most = 0;
    const url = await rawServer((send) => {
      open++;
      most = Math.max(most, open);
      setTimeout(() => {
        open--;
        send(204);
      }, 45);
    });
    const probe = createHealthProbe({ url, intervalMs: 10, timeoutMs: 2000 });
    probe.start();
    const seen = tally(probe);
    await waitFor('3 probes', () => seen().ok >= 3);
    const result = await probe.stop();
    expect(most).toBe(1);
    expect(result.uptime).toBe(1);
  });

  it('gives NaN uptime when no probe was made', async () => {
    const probe = createHealthProbe({ url: 'http://127.0.0.1:9/health' });
    const result = await probe.stop();
    expect(result.probes).toBe(0);
    expect(result.uptime).toBeNaN();
  });
});
