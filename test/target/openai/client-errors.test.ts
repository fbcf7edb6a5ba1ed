import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OpenAIClient,
  TargetHttpError,
  TargetMalformedError,
  TargetStreamError,
  TargetTimeoutError,
  TargetUnreachableError,
} from '../../../src/target/index.js';
import {
  CHAT_COMPLETION,
  fixture,
  type Loopback,
  sendJson,
  startLoopback,
  writeInPieces,
} from './loopback.js';

let server: Loopback;
const clients: OpenAIClient[] = [];
const chatBody = { model: 'tiny-llama', messages: [{ role: 'user', content: 'Say hello' }] };

/** A client on the loopback server; fast retries so tests that retry stay quick. */
function clientWith(options: Partial<ConstructorParameters<typeof OpenAIClient>[0]> = {}): OpenAIClient {
  const client = new OpenAIClient({ baseUrl: server.baseUrl, retry: { baseDelayMs: 5 }, ...options });
  clients.push(client);
  return client;
}

async function failure<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as T;
}

beforeAll(async () => {
  server = await startLoopback();
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

describe('OpenAIClient failures', () => {
  it('HTTP 400 with an OpenAI error body -> E_TARGET_HTTP carrying the message, not retried', async () => {
    const body = {
      error: {
        message: "model 'gpt-9' does not exist",
        type: 'invalid_request_error',
        param: 'model',
        code: null,
      },
    };
    server.handle((_req, res) => sendJson(res, 400, body));
    const err = await failure(clientWith().chat(chatBody), TargetHttpError);
    expect(err.code).toBe('E_TARGET_HTTP');
    expect(err.exitCode).toBe(3);
    expect(err.status).toBe(400);
    expect(err.apiError).toMatchObject({
      message: "model 'gpt-9' does not exist",
      type: 'invalid_request_error',
    });
    expect(err.message).toContain("model 'gpt-9' does not exist");
    expect(err.message).toContain(`POST ${server.baseUrl}chat/completions returned HTTP 400`);
    expect(err.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(err.evidence?.response?.status).toBe(400);
    expect(err.evidence?.curl).toMatch(/^curl /);
  });

  it('429 with Retry-After: 1 is retried after about a second, then succeeds', async () => {
    let hits = 0;
    server.handle((_req, res) => {
      hits++;
      if (hits === 1) return sendJson(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '1' });
      sendJson(res, 200, CHAT_COMPLETION);
    });
    const result = await clientWith().chat(chatBody); // baseDelayMs is 5: only Retry-After explains a 1s wait
    expect(result.attempts).toBe(2);
    const [first, second] = server.requests;
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(gap).toBeLessThan(4000);
  });

  it('with retries off, a 429 fails at once', async () => {
    server.handle((_req, res) =>
      sendJson(res, 429, { error: { message: 'rate limited' } }, { 'retry-after': '1' }),
    );
    const started = performance.now();
    const err = await failure(clientWith({ retry: { maxRetries: 0 } }).chat(chatBody), TargetHttpError);
    expect(performance.now() - started).toBeLessThan(800);
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe('1');
    expect(err.message).toContain('Retry-After: 1');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 503 maxRetries times, then reports the attempts', async () => {
    server.handle((_req, res) => sendJson(res, 503, { error: { message: 'loading model' } }));
    const err = await failure(clientWith().chat(chatBody), TargetHttpError);
    expect(err.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(err.message).toContain('after 3 attempts');
  });

  it('connection refused -> E_TARGET_UNREACHABLE, retried', async () => {
    const port = await closedPort();
    const client = clientWith({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const err = await failure(client.listModels(), TargetUnreachableError);
    expect(err.code).toBe('E_TARGET_UNREACHABLE');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain(`GET http://127.0.0.1:${port}/v1/models`);
    expect(err.attempts).toBe(3);
    expect(err.evidence?.response).toBeUndefined();
    expect(err.evidence?.curl).toContain(`http://127.0.0.1:${port}/v1/models`);
  });

  it('a server that never answers -> E_TARGET_TIMEOUT (firstByte) within the limit, not retried', async () => {
    server.handle(() => undefined);
    const started = performance.now();
    const err = await failure(
      clientWith({ timeouts: { firstByteMs: 300 } }).chat(chatBody),
      TargetTimeoutError,
    );
    const elapsed = performance.now() - started;
    expect(err.phase).toBe('firstByte');
    expect(err.limitMs).toBe(300);
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(3000);
    expect(err.message).toContain('timeouts.firstByteMs');
    expect(server.requests).toHaveLength(1);
  });

  it('a stream that stalls -> E_TARGET_TIMEOUT (idle) keeping what arrived', async () => {
    const data = fixture('chat-basic.sse');
    const twoEvents = data.subarray(0, data.indexOf('\n\n', data.indexOf('Hello')) + 2);
    server.handle((_req, res) => writeInPieces(res, twoEvents, false));
    const client = clientWith({ timeouts: { idleMs: 300 } });
    const err = await failure(client.chatStream(chatBody), TargetTimeoutError);
    expect(err.phase).toBe('idle');
    expect(err.received?.text).toBe('Hello');
    expect(err.received?.chunks).toHaveLength(2);
    expect(err.evidence?.response?.excerpt).toContain('Hello');
  });

  it('a stream that trickles past the total limit -> E_TARGET_TIMEOUT (total)', async () => {
    server.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 100 && !res.destroyed; i++) {
        res.write(': keep-alive\n\n');
        await new Promise((r) => setTimeout(r, 50));
      }
      res.end();
    });
    const err = await failure(
      clientWith({ timeouts: { totalMs: 400 } }).chatStream(chatBody),
      TargetTimeoutError,
    );
    expect(err.phase).toBe('total');
  });

  it('an error in the stream -> E_TARGET_STREAM with the message and what came before', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('error-midstream.sse')));
    const err = await failure(clientWith().chatStream(chatBody), TargetStreamError);
    expect(err.code).toBe('E_TARGET_STREAM');
    expect(err.apiError?.message).toContain('CUDA out of memory');
    expect(err.message).toContain('CUDA out of memory');
    expect(err.received.text).toBe('Hello,');
    expect(err.received.chunks).toHaveLength(3);
  });

  it('an SSE error event -> E_TARGET_STREAM', async () => {
    server.handle((_req, res) => writeInPieces(res, fixture('error-event.sse')));
    const err = await failure(clientWith().chatStream(chatBody), TargetStreamError);
    expect(err.message).toContain('upstream overloaded');
    expect(err.received.text).toBe('Hello');
  });

  it('a connection cut mid-stream -> E_TARGET_STREAM', async () => {
    const data = fixture('chat-basic.sse');
    server.handle(async (_req, res) => {
      await writeInPieces(res, data.subarray(0, 600), false);
      res.socket?.destroy();
    });
    const err = await failure(clientWith().chatStream(chatBody), TargetStreamError);
    expect(err.reason).toMatch(/closed|reset/);
  });

  it('malformed JSON and wrong shapes -> E_TARGET_MALFORMED with an excerpt', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [ oops');
    });
    const notJson = await failure(clientWith().chat(chatBody), TargetMalformedError);
    expect(notJson.code).toBe('E_TARGET_MALFORMED');
    expect(notJson.reason).toBe('the body is not JSON');
    expect(notJson.excerpt).toBe('{"choices": [ oops');
    server.handle((_req, res) => sendJson(res, 200, { id: 'x', object: 'chat.completion' }));
    const shape = await failure(clientWith().chat(chatBody), TargetMalformedError);
    expect(shape.reason).toContain('choices');
  });

  it('a bad JSON chunk mid-stream -> E_TARGET_MALFORMED keeping what came before', async () => {
    const data = fixture('chat-basic.sse');
    const twoEvents = data.subarray(0, data.indexOf('\n\n', data.indexOf('Hello')) + 2);
    const body = Buffer.concat([twoEvents, Buffer.from('data: {nope\n\n')]);
    server.handle((_req, res) => writeInPieces(res, body));
    const err = await failure(clientWith().chatStream(chatBody), TargetMalformedError);
    expect(err.excerpt).toBe('{nope');
    expect(err.received?.text).toBe('Hello');
    expect(err.reason).toContain('after 2 good chunks');
  });

  it('a server that ignores stream: true -> E_TARGET_MALFORMED saying so', async () => {
    server.handle((_req, res) => sendJson(res, 200, CHAT_COMPLETION));
    const err = await failure(clientWith().chatStream(chatBody), TargetMalformedError);
    expect(err.reason).toContain('asked for a stream but got application/json');
  });

  it("the caller's abort signal cancels the call with its reason", async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 100);
    await expect(clientWith().chat(chatBody, { signal: controller.signal })).rejects.toThrow(
      'user pressed Ctrl-C',
    );
  });

  it('rejects a baseUrl that is not http(s)', () => {
    expect(() => new OpenAIClient({ baseUrl: 'localhost:8000' })).toThrow(
      /E_TARGET_CONFIG|must start with http/,
    );
    expect(() => new OpenAIClient({ baseUrl: 'not a url' })).toThrow('is not a URL');
  });
});

/** A port that nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
