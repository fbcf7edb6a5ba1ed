/**
 * Are the sender's times the times the bytes arrived? The reference server records when it wrote each
 * token (epoch ms, same clock as ours: it runs in this process). A client can only see a token after the
 * server wrote it, so (client arrival - server write) must be >= 0 and small; what it measures is our
 * own delay between bytes reaching the socket and our timestamp, under 32 concurrent streams.
 */
import { describe, expect, it } from 'vitest';
import { createOpenAISender } from '../../../../src/stages/load/request/index.js';
import type { RequestOutcome } from '../../../../src/stages/load/types.js';
import { chatRequest, quantile, serveWithClient, serverRecords } from './helpers.js';

const STREAMS = 32;
const ROUNDS = 2;

describe('timing accuracy against the server’s own timestamps', () => {
  it(`first and last content arrival agree with the server at ${STREAMS} concurrent streams`, async () => {
    const { url, client } = await serveWithClient({
      record: true,
      latency: { ttft: { dist: 'uniform', minMs: 10, maxMs: 40 }, perToken: { dist: 'fixed', ms: 3 } },
      capacity: { maxConcurrent: STREAMS, maxQueue: STREAMS, perSequenceSlowdown: 0 },
    });
    const sender = createOpenAISender(client, { endpoint: 'chat', stream: true, timeoutMs: 10_000 });
    const signal = new AbortController().signal;
    await sender(chatRequest(0), signal); // warm the connection pool's code paths
    await fetch(`${url}/debug/requests`, { method: 'DELETE' });

    const outcomes: RequestOutcome[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch = Array.from({ length: STREAMS }, (_, i) =>
        sender(chatRequest(round * STREAMS + i, { max_tokens: 24 }), signal),
      );
      outcomes.push(...(await Promise.all(batch)));
    }
    const records = await serverRecords(url);
    const ttftDiff: number[] = [];
    const e2eDiff: number[] = [];
    for (const out of outcomes) {
      expect(out.ok, out.error?.message).toBe(true);
      const record = records.get(out.requestId as string);
      expect(record, `server record for ${out.requestId}`).toBeDefined();
      const times = record?.tokenTimes ?? [];
      expect(times).toHaveLength(out.contentChunks);
      ttftDiff.push(out.sentAtEpochMs + (out.ttftMs as number) - (times[0] as number));
      e2eDiff.push(out.sentAtEpochMs + (out.e2eMs as number) - (times.at(-1) as number));
      // Sent before the server saw it arrive.
      expect(out.sentAtEpochMs).toBeLessThanOrEqual((record?.arrival as number) + 0.5);
    }
    const fmt = (v: number) => `${v.toFixed(3)}ms`;
    const line = (name: string, d: number[]) =>
      `${name} client-server difference over ${d.length} streams: min ${fmt(Math.min(...d))}, median ${fmt(quantile(d, 0.5))}, p99 ${fmt(quantile(d, 0.99))}, max ${fmt(Math.max(...d))}`;
    console.log(`${line('TTFT', ttftDiff)}\n${line('E2E ', e2eDiff)}`);
    for (const d of [ttftDiff, e2eDiff]) {
      expect(Math.min(...d)).toBeGreaterThanOrEqual(-0.5); // the same clock: only rounding noise below 0
      expect(quantile(d, 0.5)).toBeLessThan(3);
      expect(quantile(d, 0.99)).toBeLessThan(25); // generous: a loaded CI machine stalls event loops
    }
  });
});
