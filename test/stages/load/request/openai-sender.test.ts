import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { workloadSchema } from '../../../../src/config/stages/load.js';
import { startServer } from '../../../../src/serve/index.js';
import { createOpenAISender } from '../../../../src/stages/load/request/index.js';
import { createWorkload } from '../../../../src/stages/load/workload/index.js';
import { OpenAIClient } from '../../../../src/target/index.js';
import { chatRequest, MODEL, sendOne, serverRecords, serveWithClient } from './helpers.js';

const STREAM = { endpoint: 'chat', stream: true, timeoutMs: 5_000 } as const;
const WHOLE = { endpoint: 'chat', stream: false, timeoutMs: 5_000 } as const;

describe('OpenAI sender, streaming', () => {
  it('times every content chunk and takes output tokens from usage', async () => {
    const { url, client } = await serveWithClient({ record: true });
    const before = performance.now();
    const out = await sendOne(createOpenAISender(client, STREAM));
    expect(out.error).toBeUndefined();
    expect(out.ok).toBe(true);
    expect(out.status).toBe(200);
    expect(out.index).toBe(0);
    expect(out.sentAt).toBeGreaterThanOrEqual(before);
    expect(out.sentAtEpochMs).toBeCloseTo(performance.timeOrigin + out.sentAt, 6);
    const { ttfbMs, ttftMs, e2eMs, e2eCloseMs } = out as Required<typeof out>;
    expect(ttfbMs).toBeGreaterThan(0);
    expect(ttfbMs).toBeLessThanOrEqual(ttftMs);
    expect(ttftMs).toBeLessThanOrEqual(e2eMs);
    expect(e2eMs).toBeLessThanOrEqual(e2eCloseMs);
    expect(out.contentChunks).toBe(12);
    expect(out.itlMs).toHaveLength(out.contentChunks - 1);
    expect(out.itlMs.every((gap) => gap >= 0)).toBe(true);
    // The gaps add up to the span from first to last content chunk.
    expect(out.itlMs.reduce((a, b) => a + b, 0)).toBeCloseTo(e2eMs - ttftMs, 6);
    expect(out.outputTokensSource).toBe('usage');
    expect(out.tokenCountMismatch).toBe(0);
    expect(out.promptTokens).toBeGreaterThan(0);
    const record = (await serverRecords(url)).get(out.requestId as string);
    expect(record, 'the request id joins the server record').toBeDefined();
    expect(out.outputTokens).toBe(record?.tokenTimes.length);
  });

  it('counts chunks when the server sends no usage, and reports the completions endpoint the same way', async () => {
    const { client } = await serveWithClient();
    const noUsage = chatRequest(3, { stream_options: { include_usage: false } });
    const out = await sendOne(createOpenAISender(client, STREAM), noUsage);
    expect(out.ok).toBe(true);
    expect(out.outputTokensSource).toBe('chunks');
    expect(out.outputTokens).toBe(out.contentChunks);
    expect(out.tokenCountMismatch).toBeUndefined();
    const completions = createOpenAISender(client, { ...STREAM, endpoint: 'completions' });
    const req = { index: 0, body: { model: MODEL, prompt: 'Once upon a time', max_tokens: 9, stream: true } };
    const c = await sendOne(completions, req);
    expect(c.ok).toBe(true);
    expect(c.contentChunks).toBe(9);
    expect(c.outputTokens).toBe(9);
    expect(c.requestId).toMatch(/^cmpl-/);
  });

  it('synthetic prompt-size hints match the prompt tokens the server counts', async () => {
    const { client } = await serveWithClient();
    const spec = workloadSchema.parse({
      type: 'synthetic',
      promptTokens: { mean: 60, stddev: 20, min: 5 },
      outputTokens: { mean: 8, stddev: 3, min: 1 },
      distinct: 6,
    });
    const workload = await createWorkload(spec, {
      baseDir: '.',
      endpoint: 'completions',
      model: MODEL,
      maxTokens: 128,
      temperature: 0,
      stream: true,
      extraBody: {},
      seed: 3,
    });
    const sender = createOpenAISender(client, { ...STREAM, endpoint: 'completions' });
    for (let i = 0; i < 6; i++) {
      const req = workload.next();
      const out = await sendOne(sender, req);
      expect(out.ok, out.error?.message).toBe(true);
      expect(out.promptTokens).toBe(req.promptTokensHint);
      expect(out.outputTokens).toBeLessThanOrEqual(req.body.max_tokens as number);
    }
  });

  it('a stream without [DONE] is truncated, with what arrived still measured', async () => {
    const { client } = await serveWithClient({ broken: ['no-done'] });
    const out = await sendOne(createOpenAISender(client, STREAM));
    expect(out.ok).toBe(false);
    expect(out.error?.class).toBe('truncated');
    expect(out.error?.message).toMatch(/without data: \[DONE\]/);
    expect(out.contentChunks).toBe(12);
    expect(out.ttftMs).toBeDefined();
  });

  it('a server stopped mid-stream gives truncated or stream_error, never ok', async () => {
    const server = await startServer({
      seed: 1,
      latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 10 } },
    });
    const client = new OpenAIClient({ baseUrl: `${server.url}/v1` });
    try {
      const pending = sendOne(createOpenAISender(client, STREAM), chatRequest(0, { max_tokens: 500 }));
      await new Promise((resolve) => setTimeout(resolve, 80));
      await server.close();
      const out = await pending;
      expect(out.ok).toBe(false);
      expect(['truncated', 'stream_error']).toContain(out.error?.class);
      expect(out.contentChunks).toBeGreaterThan(0);
      expect(out.contentChunks).toBeLessThan(500);
    } finally {
      await client.close();
    }
  });

  it('an error event in the stream is stream_error; a dropped connection is truncated', async () => {
    const sse = await startSse((res, path) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(chunk('Hel'))}\n\n`);
      if (path.includes('event')) {
        res.end(`event: error\ndata: ${JSON.stringify({ error: { message: 'engine died' } })}\n\n`);
      } else {
        // Mid-stream, once the first chunk is out: no [DONE], no error event.
        setTimeout(() => res.socket?.destroy(), 20);
      }
    });
    const event = createOpenAISender(new OpenAIClient({ baseUrl: `${sse.url}/event/v1` }), STREAM);
    const out = await sendOne(event);
    expect(out.error?.class).toBe('stream_error');
    expect(out.error?.message).toMatch(/engine died/);
    expect(out.contentChunks).toBe(1);
    const dropped = await sendOne(
      createOpenAISender(new OpenAIClient({ baseUrl: `${sse.url}/drop/v1` }), STREAM),
    );
    expect(dropped.error?.class).toBe('truncated');
    expect(dropped.ok).toBe(false);
  });
});

describe('OpenAI sender, not streaming', () => {
  it('measures the whole response and reads usage', async () => {
    const { url, client } = await serveWithClient({ record: true });
    const out = await sendOne(createOpenAISender(client, WHOLE), chatRequest(5, {}, false));
    expect(out.ok).toBe(true);
    expect(out.index).toBe(5);
    expect(out.ttfbMs).toBeGreaterThan(0);
    expect(out.ttfbMs).toBeLessThanOrEqual(out.e2eMs as number);
    expect(out.e2eCloseMs).toBe(out.e2eMs);
    expect(out.ttftMs).toBeUndefined();
    expect(out.contentChunks).toBe(0);
    expect(out.itlMs).toEqual([]);
    expect(out.outputTokens).toBe(12);
    expect(out.outputTokensSource).toBe('usage');
    expect((await serverRecords(url)).get(out.requestId as string)?.stream).toBe(false);
  });
});

describe('OpenAI sender, failures are classified, never thrown', () => {
  it('HTTP 400, 401 and 429 are `http` with their status, and nothing is retried', async () => {
    const { client } = await serveWithClient({ record: true });
    const bad = await sendOne(createOpenAISender(client, STREAM), chatRequest(0, { temperature: 5 }));
    expect(bad.error).toMatchObject({ class: 'http', status: 400 });
    expect(bad.status).toBe(400);
    expect(bad.ok).toBe(false);
    const badWhole = await sendOne(
      createOpenAISender(client, WHOLE),
      chatRequest(0, { temperature: 5 }, false),
    );
    expect(badWhole.error).toMatchObject({ class: 'http', status: 400 });

    const keyed = await serveWithClient({ apiKeys: ['sk-right'] });
    expect((await sendOne(createOpenAISender(keyed.client, STREAM))).error).toMatchObject({
      class: 'http',
      status: 401,
    });

    const limited = await serveWithClient({ rateLimit: { requestsPerSecond: 0.1, burst: 1 }, record: true });
    const sender = createOpenAISender(limited.client, STREAM);
    expect((await sendOne(sender)).ok).toBe(true);
    const throttled = await sendOne(sender);
    expect(throttled.error).toMatchObject({ class: 'http', status: 429 });
  });

  it('a 500 is counted once: the client would retry it, the sender must not', async () => {
    const failing = await serveWithClient({ broken: ['chat-500'], record: true });
    const out = await sendOne(createOpenAISender(failing.client, STREAM));
    expect(out.error).toMatchObject({ class: 'http', status: 500 });
    expect((await serverRecords(failing.url)).size).toBe(1);
  });

  it('connection refused is `connect`', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const client = new OpenAIClient({ baseUrl: `http://127.0.0.1:${port}/v1` });
    for (const opts of [STREAM, WHOLE]) {
      const out = await sendOne(createOpenAISender(client, opts));
      expect(out.error?.class).toBe('connect');
      expect(out.error?.message).toMatch(/ECONNREFUSED/);
      expect(out.sentAtEpochMs).toBeGreaterThan(0);
    }
    await client.close();
  });

  it('a hung server with a short timeout is `timeout`, on time', async () => {
    const { client } = await serveWithClient({ broken: ['hang'] });
    for (const opts of [STREAM, WHOLE]) {
      const started = performance.now();
      const out = await sendOne(createOpenAISender(client, { ...opts, timeoutMs: 150 }));
      expect(out.error?.class).toBe('timeout');
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('the caller aborting is `aborted`', async () => {
    const { client } = await serveWithClient({ broken: ['hang'] });
    const controller = new AbortController();
    const pending = createOpenAISender(client, STREAM)(chatRequest(0), controller.signal);
    setTimeout(() => controller.abort(new Error('run stopped')), 30);
    expect((await pending).error?.class).toBe('aborted');
  });

  it('a body that is not a stream is `malformed`', async () => {
    const sse = await startSse((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {not json\n\n');
    });
    const out = await sendOne(createOpenAISender(new OpenAIClient({ baseUrl: `${sse.url}/v1` }), STREAM));
    expect(out.error?.class).toBe('malformed');
  });
});

function chunk(content: string) {
  return {
    id: 'chatcmpl-x',
    object: 'chat.completion.chunk',
    created: 0,
    model: MODEL,
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
}

/** A tiny server whose stream misbehaves as `handle` says; closed after the file. */
async function startSse(
  handle: (res: import('node:http').ServerResponse, path: string) => void,
): Promise<{ url: string }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(res, req.url ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
