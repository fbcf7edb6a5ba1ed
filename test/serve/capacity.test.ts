import { describe, expect, it } from 'vitest';
import { type RequestRecord, startServer } from '../../src/serve/index.js';
import { ask, readJson, serve } from './helpers.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

/** Sends a streaming chat request; resolves with client-side times of the first and last byte. */
async function timedStream(url: string, content: string) {
  const start = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ask(content, { stream: true })),
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let first: number | undefined;
  for (let r = await reader.read(); !r.done; r = await reader.read()) first ??= performance.now() - start;
  return { status: res.status, ttft: first ?? Number.NaN, total: performance.now() - start };
}

describe('capacity', () => {
  it('queues past maxConcurrent: the second TTFT includes the first generation', async () => {
    const server = await serve({
      record: true,
      capacity: { maxConcurrent: 1, maxQueue: 4, perSequenceSlowdown: 0 },
      latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 5 } },
    });
    const a = timedStream(server.url, `Echo: ${words(20)}`);
    await new Promise((r) => setTimeout(r, 20));
    const b = await timedStream(server.url, `Echo: ${words(2)}`);
    const first = await a;
    expect(first.status).toBe(200);
    expect(b.status).toBe(200);
    // The first request generates 40 tokens (w, 0, w, 1, ...) at 5 ms each; the second waits for all of it.
    expect(b.ttft).toBeGreaterThan(150);
    const [ra, rb] = (await readJson(await fetch(`${server.url}/debug/requests`))).data as RequestRecord[];
    expect(rb!.admitted).toBeGreaterThanOrEqual(ra!.tokenTimes.at(-1)!);
    expect(rb!.tokenTimes[0]! - rb!.arrival).toBeGreaterThanOrEqual(ra!.tokenTimes.at(-1)! - rb!.arrival);
  });

  it('answers 503 with Retry-After when the queue is full', async () => {
    const server = await serve({
      capacity: { maxConcurrent: 1, maxQueue: 1, perSequenceSlowdown: 0 },
      latency: { ttft: { dist: 'fixed', ms: 100 } },
    });
    const responses = await Promise.all([1, 2, 3].map(() => server.chat(ask('Echo: x'))));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 503]);
    const rejected = responses.find((r) => r.status === 503) as Response;
    expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await readJson(rejected)).error).toMatchObject({
      type: 'server_error',
      code: 'server_overloaded',
    });
  });

  it('slows every sequence down as more share the engine', async () => {
    const server = await serve({
      record: true,
      capacity: { maxConcurrent: 4, perSequenceSlowdown: 1 },
      latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 4 } },
    });
    const gap = async (concurrency: number) => {
      await fetch(`${server.url}/debug/requests`, { method: 'DELETE' });
      await Promise.all(
        Array.from({ length: concurrency }, () => timedStream(server.url, `Echo: ${words(10)}`)),
      );
      const records: RequestRecord[] = (await readJson(await fetch(`${server.url}/debug/requests`))).data;
      const gaps = records.map((r) => (r.tokenTimes.at(-1)! - r.tokenTimes[0]!) / (r.tokenTimes.length - 1));
      return Math.min(...gaps);
    };
    const alone = await gap(1);
    const shared = await gap(4);
    expect(alone).toBeGreaterThanOrEqual(3.5);
    // With 4 active sequences each token takes up to 4 ms * (1 + 3); allow for staggered starts and ends.
    expect(shared).toBeGreaterThan(alone * 2);
  });
});

describe('faults', () => {
  it('answers a seeded fraction of requests with an OpenAI-shaped 500, reproducibly', async () => {
    const statusesOf = async () => {
      const server = await startServer({
        faults: { errorRate: 0.5, seed: 3 },
        latency: { ttft: { dist: 'fixed', ms: 0 } },
      });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await fetch(`${server.url}/v1/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'gauntlet-sim', prompt: 'Echo: x' }),
          });
          const body = await readJson(res);
          if (res.status === 500)
            expect(body.error).toMatchObject({ type: 'server_error', code: 'internal_error' });
          statuses.push(res.status);
        }
        return statuses;
      } finally {
        await server.close();
      }
    };
    const first = await statusesOf();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await statusesOf()).toEqual(first);
  });

  it('adds latency before the first byte', async () => {
    const server = await serve({
      faults: { addedLatencyMs: '80ms' },
      latency: { ttft: { dist: 'fixed', ms: 0 } },
    });
    const { ttft } = await timedStream(server.url, 'Echo: x');
    expect(ttft).toBeGreaterThanOrEqual(79);
  });

  it('stalls once, mid-stream', async () => {
    const server = await serve({
      record: true,
      faults: { stallMs: 120 },
      latency: { ttft: { dist: 'fixed', ms: 0 }, perToken: { dist: 'fixed', ms: 1 } },
    });
    await timedStream(server.url, `Echo: ${words(5)}`);
    const [record] = (await readJson(await fetch(`${server.url}/debug/requests`))).data as RequestRecord[];
    const gaps = record!.tokenTimes.slice(1).map((t, i) => t - record!.tokenTimes[i]!);
    const stalls = gaps.filter((g) => g >= 115);
    expect(stalls).toHaveLength(1);
    expect(gaps.indexOf(stalls[0]!)).toBe(Math.ceil(record!.tokenTimes.length / 2) - 1);
  });
});
