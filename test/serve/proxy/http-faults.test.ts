/** The HTTP faults and faithful forwarding, against the reference server and a small upstream. */
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/serve/index.js';
import { fault, pattern, proxyTo, streamParts, timed, upstream } from './helpers.js';

let reference: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  reference = await startServer({
    seed: 5,
    latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 1 } },
  });
});
afterAll(() => reference.close());

const chat = (base: string, stream = true) =>
  fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gauntlet-sim',
      stream,
      temperature: 0,
      max_tokens: 24,
      messages: [{ role: 'user', content: 'Name three colours.' }],
    }),
  });

/** Reads a streamed body until it ends or breaks; what arrived and how it ended. */
async function readAll(res: Response): Promise<{ text: string; error?: string }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += decoder.decode(value, { stream: true });
    }
  } catch (err) {
    return { text, error: String((err as Error).message) };
  }
}

const dataEvents = (text: string) =>
  text
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice(6));

// Ids and timestamps differ between two requests; everything else must not.
const stable = (text: string) =>
  text.replace(/"id":"[^"]+"/g, '"id":"x"').replace(/"created":\d+/g, '"created":0');

describe('no fault', () => {
  it('passes a streamed response byte for byte, keeping its timing', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const direct = await timed(`${up.url}/stream`);
    const via = await timed(`${proxy.url}/stream`);
    expect(via.body.equals(Buffer.from(streamParts.join('')))).toBe(true);
    expect(via.body.equals(direct.body)).toBe(true);
    expect(via.headers['content-type']).toBe('text/event-stream');
    // 6 parts 30 ms apart: the first arrives long before the last is sent.
    expect(via.ttfb).toBeLessThan(via.total - 90);
  });

  it('passes Content-Length bodies and request bodies unchanged', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const r = await timed(`${proxy.url}/bytes?n=100000`);
    expect(r.headers['content-length']).toBe('100000');
    expect(r.body.equals(pattern(100_000))).toBe(true);
    const body = pattern(300_000);
    const echo = await timed(`${proxy.url}/echo`, { method: 'POST', body });
    expect(JSON.parse(echo.body.toString())).toEqual({ received: body.length });
    expect(up.seen.at(-1)!.bodyBytes).toBe(body.length);
  });

  it('streams a chat completion from the reference server as it is, over one keep-alive connection', async () => {
    const proxy = await proxyTo(reference);
    const direct = await readAll(await chat(reference.url));
    const agent = new Agent({ keepAlive: true });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      texts.push(
        await new Promise<string>((resolve, reject) => {
          const req = httpRequest(
            `${proxy.url}/v1/chat/completions`,
            { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
            (res) => {
              let t = '';
              res.setEncoding('utf8');
              res.on('data', (d: string) => {
                t += d;
              });
              res.on('end', () => resolve(t));
            },
          );
          req.on('error', reject);
          req.end(
            JSON.stringify({
              model: 'gauntlet-sim',
              stream: true,
              temperature: 0,
              max_tokens: 24,
              messages: [{ role: 'user', content: 'Name three colours.' }],
            }),
          );
        }),
      );
    }
    agent.destroy();
    for (const t of texts) expect(stable(t)).toBe(stable(direct.text));
    expect(dataEvents(direct.text).at(-1)).toBe('[DONE]');
    expect(proxy.stats().connections).toBe(1);
    expect(proxy.stats().requests).toBe(3);
  });

  it('answers 502 naming the upstream when it cannot be reached', async () => {
    const proxy = await proxyTo({ url: 'http://127.0.0.1:1' });
    const r = await timed(`${proxy.url}/v1/models`);
    expect(r.status).toBe(502);
    expect(JSON.parse(r.body.toString()).error.message).toContain('http://127.0.0.1:1');
  });
});

describe('http_error', () => {
  it('answers with the status, an OpenAI-shaped body and Retry-After, without calling the upstream', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'http_error', status: 503, retryAfter: 7 }));
    const r = await timed(`${proxy.url}/echo`, { method: 'POST', body: '{"a":1}' });
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('7');
    const body = JSON.parse(r.body.toString());
    expect(body.error).toMatchObject({ type: 'server_error', code: 'service_unavailable', param: null });
    expect(body.error.message).toContain('http_error');
    expect(up.seen).toHaveLength(0);
  });

  it('sends a given body, and 429s the way OpenAI rate-limits', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    const name = proxy.add(fault({ type: 'http_error', status: 429, retryAfter: 2 }));
    let r = await timed(`${proxy.url}/json`);
    expect(r.status).toBe(429);
    expect(JSON.parse(r.body.toString()).error.code).toBe('rate_limit_exceeded');
    proxy.remove(name);
    proxy.add(fault({ type: 'http_error', status: 500, body: 'boom' }));
    r = await timed(`${proxy.url}/json`);
    expect(r.status).toBe(500);
    expect(r.body.toString()).toBe('boom');
    expect(r.headers['content-type']).toContain('text/plain');
    expect(up.seen).toHaveLength(0);
  });

  it('with toxicity 0.5 fails about half the requests, the same ones for the same seed', async () => {
    const up = await upstream();
    const statuses = async (seed: number) => {
      const proxy = await proxyTo(up, { seed });
      proxy.add(fault({ type: 'http_error', status: 503, toxicity: 0.5 }));
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await timed(`${proxy.url}/json`)).status);
      const failed = out.filter((s) => s === 503).length;
      expect(failed).toBe(proxy.stats().faulted.http_error);
      expect(up.seen.length).toBeGreaterThan(0);
      return out;
    };
    const a = await statuses(9);
    const failed = a.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThanOrEqual(12);
    expect(failed).toBeLessThanOrEqual(28);
    expect(await statuses(9)).toEqual(a);
    expect(await statuses(10)).not.toEqual(a);
  });

  it('with toxicity 0 never applies', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'http_error', toxicity: 0 }));
    for (let i = 0; i < 10; i++) expect((await timed(`${proxy.url}/json`)).status).toBe(200);
    expect(up.seen).toHaveLength(10);
  });
});

describe('malformed_json', () => {
  it('breaks a JSON response body, keeping Content-Length right', async () => {
    const proxy = await proxyTo(reference);
    proxy.add(fault({ type: 'malformed_json' }));
    const r = await timed(`${proxy.url}/v1/models`);
    expect(r.status).toBe(200);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeGreaterThan(5);
    expect(() => JSON.parse(r.body.toString())).toThrow();
    expect(proxy.stats().faulted.malformed_json).toBe(1);
  });

  it('breaks the first JSON event of a stream and passes the rest', async () => {
    const proxy = await proxyTo(reference);
    proxy.add(fault({ type: 'malformed_json' }));
    const { text, error } = await readAll(await chat(proxy.url));
    expect(error).toBeUndefined();
    const events = dataEvents(text);
    expect(() => JSON.parse(events[0] as string)).toThrow();
    for (const e of events.slice(1, -1)) expect(() => JSON.parse(e)).not.toThrow();
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('upstream breaks the JSON of the request body', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'malformed_json', direction: 'upstream' }));
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const r = await timed(`${proxy.url}/echo`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(200);
    const seen = up.seen.at(-1)!;
    expect(seen.complete).toBe(true);
    expect(seen.body.length).toBeLessThan(body.length);
    expect(() => JSON.parse(seen.body)).toThrow();
  });
});

describe('sse_cut', () => {
  it('ends a streaming chat completion after N events, before [DONE], without a clean end', async () => {
    const proxy = await proxyTo(reference);
    const whole = dataEvents((await readAll(await chat(proxy.url))).text);
    expect(whole.length).toBeGreaterThan(5);
    proxy.add(fault({ type: 'sse_cut', afterEvents: 3 }));
    const res = await chat(proxy.url);
    expect(res.status).toBe(200);
    const { text, error } = await readAll(res);
    expect(error).toBeDefined();
    const events = dataEvents(text);
    expect(events).toHaveLength(3);
    expect(stable(events.join('\n'))).toBe(stable(whole.slice(0, 3).join('\n')));
    expect(text).not.toContain('[DONE]');
    expect(proxy.stats().faulted.sse_cut).toBe(1);
  });

  it('with afterEvents 0 sends the headers and no event', async () => {
    const proxy = await proxyTo(reference);
    proxy.add(fault({ type: 'sse_cut', afterEvents: 0 }));
    const res = await chat(proxy.url);
    expect(res.status).toBe(200);
    const { text, error } = await readAll(res);
    expect(text).toBe('');
    expect(error).toBeDefined();
  });

  it('cuts before [DONE] even when the stream is shorter than afterEvents', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'sse_cut', afterEvents: 100 }));
    const res = await fetch(`${proxy.url}/stream`);
    const { text, error } = await readAll(res);
    expect(error).toBeDefined();
    expect(text).toBe(streamParts.slice(0, -1).join(''));
  });

  it('leaves non-streaming responses alone', async () => {
    const proxy = await proxyTo(reference);
    proxy.add(fault({ type: 'sse_cut', afterEvents: 1 }));
    const res = await chat(proxy.url, false);
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
    expect(proxy.stats().faulted.sse_cut).toBeUndefined();
  });
});

describe('first_byte_delay', () => {
  it('delays the first byte of the response by at least the delay', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'first_byte_delay', delay: 300 }));
    const r = await timed(`${proxy.url}/json`);
    expect(r.status).toBe(200);
    const seen = up.seen.at(-1)!;
    expect(seen.at - r.sentAt).toBeLessThan(200);
    expect(r.ttfb).toBeGreaterThanOrEqual(300);
  });

  it('upstream holds the request back instead', async () => {
    const up = await upstream();
    const proxy = await proxyTo(up);
    proxy.add(fault({ type: 'first_byte_delay', delay: 300, direction: 'upstream' }));
    const r = await timed(`${proxy.url}/json`);
    const seen = up.seen.at(-1)!;
    expect(seen.at - r.sentAt).toBeGreaterThanOrEqual(299);
    expect(r.ttfb).toBeGreaterThanOrEqual(300);
  });
});
