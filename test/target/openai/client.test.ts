import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../../src/target/index.js';
import {
  CHAT_COMPLETION,
  fixture,
  type Loopback,
  sendJson,
  startLoopback,
  writeInPieces,
} from './loopback.js';

let server: Loopback;
let client: OpenAIClient;
const chatBody = { model: 'tiny-llama', messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 8 };

beforeAll(async () => {
  server = await startLoopback();
  client = new OpenAIClient({ baseUrl: server.baseUrl, apiKey: 'sk-test-abcdef123456' });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('OpenAIClient, non-streaming', () => {
  it('chat returns the parsed completion with evidence, and sends the key as a bearer token', async () => {
    server.handle((_req, res) => sendJson(res, 200, CHAT_COMPLETION, { 'x-request-id': 'req-1' }));
    const result = await client.chat(chatBody);
    expect(result.data.choices[0]?.message.content).toBe('Hi there');
    expect(result.status).toBe(200);
    expect(result.attempts).toBe(1);
    expect(result.headers['x-request-id']).toBe('req-1');
    expect(result.timings.endMs).toBeGreaterThanOrEqual(result.timings.headersMs);
    const [sent] = server.requests;
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-test-abcdef123456');
    expect(JSON.parse(sent?.body ?? '')).toEqual(chatBody);
    expect(result.evidence.request).toMatchObject({
      method: 'POST',
      url: `${server.baseUrl}chat/completions`,
      body: chatBody,
    });
    expect(result.evidence.request?.headers?.authorization).toBe('Bearer ***');
    expect(result.evidence.response?.status).toBe(200);
    expect(result.evidence.response?.excerpt).toContain('Hi there');
    expect(result.evidence.curl).toContain('"authorization: Bearer $OPENAI_API_KEY"');
  });

  it('listModels and completions hit /models and /completions', async () => {
    server.handle((req, res) => {
      if (req.url === '/v1/models')
        return sendJson(res, 200, { object: 'list', data: [{ id: 'tiny-llama' }] });
      sendJson(res, 200, {
        id: 'c',
        object: 'text_completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, text: 'ok' }],
      });
    });
    expect((await client.listModels()).data.data.map((m) => m.id)).toEqual(['tiny-llama']);
    const done = await client.completions({ model: 'm', prompt: 'x' });
    expect(done.data.choices[0]?.text).toBe('ok');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/models',
      'POST /v1/completions',
    ]);
  });

  it('request() returns non-2xx responses without throwing, and sends raw string bodies as is', async () => {
    server.handle((_req, res, body) => sendJson(res, 404, { error: { message: `no route for ${body}` } }));
    const raw = await client.request('post', '/nope', '{"broken": ');
    expect(raw.status).toBe(404);
    expect(raw.json).toEqual({ error: { message: 'no route for {"broken": ' } });
    expect(raw.evidence.response?.status).toBe(404);
  });

  it('reuses the keep-alive connection across calls, streams included', async () => {
    const before = server.connections();
    server.handle(async (req, res) => {
      if (req.url === '/v1/models') return sendJson(res, 200, { object: 'list', data: [] });
      await writeInPieces(res, fixture('chat-basic.sse'));
    });
    await client.listModels();
    await client.chatStream(chatBody);
    await client.listModels();
    await client.chatStream(chatBody);
    await client.listModels();
    expect(server.connections() - before).toBeLessThanOrEqual(1);
  });

  it('accepts a custom dispatcher and leaves it open on close', async () => {
    const dispatcher = new Agent();
    const custom = new OpenAIClient({ baseUrl: server.baseUrl, dispatcher });
    server.handle((_req, res) => sendJson(res, 200, CHAT_COMPLETION));
    expect((await custom.chat(chatBody)).status).toBe(200);
    await custom.close();
    expect(dispatcher.closed).toBe(false);
    await dispatcher.close();
  });
});

describe('OpenAIClient, streaming', () => {
  it('chatStream collects text, usage, ids and timings, and asks for the usage chunk', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('chat-basic.sse')));
    const result = await client.chatStream(chatBody);
    expect(result.text).toBe('Hello, world!');
    expect(result.chunks).toHaveLength(7);
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
    expect(result.usageChunkCount).toBe(1);
    expect(result.doneReceived).toBe(true);
    expect(result.eventsAfterDone).toBe(0);
    expect(result.ids).toEqual(['chatcmpl-abc123']);
    const t = result.timings;
    expect(t.contentChunkTimesMs).toHaveLength(4); // Hello , world ! (the role chunk has no content)
    expect(t.firstContentMs).toBe(t.contentChunkTimesMs[0]);
    expect(t.ttfbMs).toBeGreaterThanOrEqual(t.headersMs);
    expect(t.firstContentMs).toBeGreaterThanOrEqual(t.ttfbMs ?? 0);
    expect([...t.contentChunkTimesMs].sort((a, b) => a - b)).toEqual(t.contentChunkTimesMs);
    expect(t.endMs).toBeGreaterThanOrEqual(t.contentChunkTimesMs.at(-1) ?? 0);
    const sent = JSON.parse(server.requests[0]?.body ?? '');
    expect(sent).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream');
    expect(result.evidence.response?.excerpt).toContain('data: ');
  });

  it("keeps the caller's stream_options", async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('no-done.sse')));
    await client.chatStream({ ...chatBody, stream_options: null });
    expect(JSON.parse(server.requests[0]?.body ?? '').stream_options).toBeNull();
  });

  it('reports a stream without [DONE] as doneReceived: false, not as an error', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('no-done.sse')));
    const result = await client.chatStream(chatBody);
    expect(result.doneReceived).toBe(false);
    expect(result.text).toBe('Hello, world!');
    expect(result.usageChunkCount).toBe(1);
  });

  it('decodes multi-byte UTF-8 split across reads', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('utf8.sse')));
    const result = await client.chatStream(chatBody);
    expect(result.text).toBe('Café naïve 🚀🎉 你好，世界 — 👩‍👩‍👧 ok');
    expect(result.finishReason).toBe('length');
  });

  it('finishes promptly after [DONE] even if the server keeps the body open', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('chat-basic.sse'), false));
    const started = performance.now();
    const result = await client.chatStream(chatBody, { timeouts: { idleMs: 20_000 } });
    expect(result.doneReceived).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('streamEvents yields chunks as they arrive, then [DONE]', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('chat-basic.sse')));
    const handle = await client.streamEvents('chat', chatBody);
    expect(handle.status).toBe(200);
    const seen: string[] = [];
    for await (const event of handle) seen.push(event.type === 'done' ? '[DONE]' : event.content);
    expect(seen).toEqual(['', 'Hello', ',', ' world', '!', '', '', '[DONE]']);
    expect(handle.result().text).toBe('Hello, world!');
  });

  it('read() hands over the same events as iteration, and the same result', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('chat-basic.sse')));
    const iterated = await client.streamEvents('chat', chatBody);
    const viaIterator: unknown[] = [];
    for await (const event of iterated) viaIterator.push({ ...event, atMs: 0 });
    const handle = await client.streamEvents('chat', chatBody);
    const viaRead: unknown[] = [];
    await handle.read((event) => viaRead.push({ ...event, atMs: 0 }));
    expect(viaRead).toEqual(viaIterator);
    const result = handle.result();
    // Two requests: their times and the server's Date header (whole seconds) may differ, nothing else.
    const stable = (r: ReturnType<typeof handle.result>) => ({
      ...r,
      timings: undefined,
      headers: { ...r.headers, date: undefined },
      evidence: {
        ...r.evidence,
        response: { ...r.evidence.response, headers: { ...r.evidence.response?.headers, date: undefined } },
      },
    });
    expect(stable(result)).toEqual(stable(iterated.result()));
    expect(handle.timings()).toEqual(result.timings);
    expect(result.timings.firstContentMs).toBeGreaterThanOrEqual(result.timings.ttfbMs as number);
    await expect(handle.read(() => undefined)).rejects.toThrow(/only once/);
  });

  it('keepChunks: false keeps totals, usage and times but not the chunks', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('chat-basic.sse')));
    const kept = await client.chatStream(chatBody);
    const handle = await client.streamEvents('chat', chatBody, {}, { keepChunks: false });
    let chunks = 0;
    await handle.read((event) => {
      if (event.type === 'chunk') chunks++;
    });
    const result = handle.result();
    expect(kept.chunks).toHaveLength(chunks);
    expect(result.chunks).toEqual([]);
    expect(result.text).toBe(kept.text);
    expect(result.usage).toEqual(kept.usage);
    expect(result.finishReason).toBe(kept.finishReason);
    expect(result.ids).toEqual(kept.ids);
    expect(result.timings.contentChunkTimesMs).toHaveLength(kept.timings.contentChunkTimesMs.length);
  });

  it('an error thrown by the read() callback stops the stream and comes back as it is', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('chat-basic.sse')));
    const handle = await client.streamEvents('chat', chatBody);
    const mine = new Error('mine');
    await expect(
      handle.read(() => {
        throw mine;
      }),
    ).rejects.toBe(mine);
  });

  it('completionsStream accumulates text completions', async () => {
    const chunk = (text: string, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text, finish_reason: finish }] })}\n\n`;
    const body = `${chunk('foo', null)}${chunk(' bar', 'stop')}data: [DONE]\n\n`;
    server.handle((_req, res) => writeInPieces(res, Buffer.from(body)));
    const result = await client.completionsStream({ model: 'm', prompt: 'x' });
    expect(result.text).toBe('foo bar');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toBeUndefined();
    expect(server.requests[0]?.url).toBe('/v1/completions');
  });
});
