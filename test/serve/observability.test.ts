import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/serve/index.js';
import { ask, MODEL, readJson, serve, sseChunks } from './helpers.js';

const SAMPLE = /^([a-z_]+)(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/;

function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    values.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return values;
}

describe('GET /metrics', async () => {
  const server = await serve({
    capacity: { maxConcurrent: 1 },
    latency: { ttft: { dist: 'fixed', ms: 30 }, perToken: { dist: 'fixed', ms: 1 } },
  });
  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(await res.text());
  };

  it('shows in-flight requests and queue depth while they wait', async () => {
    const pending = [server.chat(ask('Echo: a')), server.chat(ask('Echo: b'))];
    await new Promise((r) => setTimeout(r, 15));
    const during = await scrape();
    expect(during.get('gauntlet_requests_in_flight')).toBe(2);
    expect(during.get('gauntlet_queue_depth')).toBe(1);
    expect(during.get('gauntlet_active_sequences')).toBe(1);
    await Promise.all(pending.map(async (p) => (await p).text()));
    const after = await scrape();
    expect(after.get('gauntlet_requests_in_flight')).toBe(0);
    expect(after.get('gauntlet_queue_depth')).toBe(0);
  });

  it('counts requests by endpoint and status, tokens, and TTFT in a histogram', async () => {
    const before = await scrape();
    const ok = await server.json('/v1/chat/completions', ask('Echo: one two three'));
    await server.json('/v1/chat/completions', ask('x', { model: 'nope' }));
    const streamed = sseChunks(
      await (
        await server.post('/v1/completions', { model: MODEL, prompt: 'Echo: four', stream: true })
      ).text(),
    );
    expect(streamed.length).toBeGreaterThan(0);
    const m = await scrape();
    const delta = (key: string) => (m.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(delta('gauntlet_requests_total{endpoint="/v1/chat/completions",status="200"}')).toBe(1);
    expect(delta('gauntlet_requests_total{endpoint="/v1/chat/completions",status="404"}')).toBe(1);
    expect(delta('gauntlet_requests_total{endpoint="/v1/completions",status="200"}')).toBe(1);
    expect(delta('gauntlet_prompt_tokens_total')).toBe(ok.body.usage.prompt_tokens + 3);
    expect(delta('gauntlet_completion_tokens_total')).toBe(3 + 1);
    expect(delta('gauntlet_ttft_seconds_count')).toBe(2);
    expect(delta('gauntlet_ttft_seconds_sum')).toBeGreaterThanOrEqual(0.06);
    const buckets = [...m].filter(([k]) => k.startsWith('gauntlet_ttft_seconds_bucket'));
    expect(buckets.at(-1)?.[0]).toBe('gauntlet_ttft_seconds_bucket{le="+Inf"}');
    expect(buckets.at(-1)?.[1]).toBe(m.get('gauntlet_ttft_seconds_count'));
    for (let i = 1; i < buckets.length; i++)
      expect(buckets[i]![1]).toBeGreaterThanOrEqual(buckets[i - 1]![1]);
    expect(m.get('gauntlet_ttft_seconds_bucket{le="0.025"}')).toBe(0);
  });
});

describe('GET /debug/requests', () => {
  it('records ordered epoch-ms timestamps per request', async () => {
    const server = await serve({ record: true, latency: { perToken: { dist: 'fixed', ms: 3 } } });
    const sent = performance.timeOrigin + performance.now();
    const res = await server.chat(ask('Echo: a b c d', { stream: true }));
    const id = sseChunks(await res.text())[0].id;
    const received = performance.timeOrigin + performance.now();
    await server.chat(ask('x', { max_tokens: -1 }));
    const { object, data } = await readJson(await fetch(`${server.url}/debug/requests`));
    expect(object).toBe('list');
    const [stream, invalid] = data as RequestRecord[];
    expect(stream).toMatchObject({ id, endpoint: '/v1/chat/completions', stream: true, status: 200 });
    const times = [stream!.arrival, stream!.admitted!, ...stream!.tokenTimes, stream!.end!];
    expect(stream!.tokenTimes).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(stream!.arrival).toBeGreaterThanOrEqual(sent);
    expect(stream!.end).toBeLessThanOrEqual(received);
    expect(stream!.tokenTimes[0]! - stream!.arrival).toBeGreaterThanOrEqual(19);
    expect(invalid).toMatchObject({ status: 400, tokenTimes: [] });
    expect(invalid!.end).toBeGreaterThanOrEqual(invalid!.arrival);
  });

  it('is not served without record: true', async () => {
    const server = await serve();
    expect((await fetch(`${server.url}/debug/requests`)).status).toBe(404);
  });
});
