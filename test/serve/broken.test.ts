import { describe, expect, it } from 'vitest';
import { type BrokenMode, brokenModes, startServer } from '../../src/serve/index.js';
import {
  ask,
  MODEL,
  readJson,
  serve,
  sseChunks,
  sseEvents,
  streamedText,
  type TestServer,
} from './helpers.js';

const FAST = { latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 0 } } } as const;
const servers = new Map<BrokenMode, TestServer>();
for (const mode of brokenModes) servers.set(mode, await serve({ ...FAST, broken: [mode] }));
const healthy = await serve(FAST);
const broken = (mode: BrokenMode) => servers.get(mode) as TestServer;
const content = async (server: TestServer, body: Record<string, unknown>) =>
  (await server.json('/v1/chat/completions', body)).body.choices[0].message.content as string;

// Each mode must break exactly what it names; the healthy server passes the same probe.
describe('broken modes', () => {
  it('ignore-max-tokens: generates past max_tokens and says stop', async () => {
    for (const [server, isBroken] of [
      [broken('ignore-max-tokens'), true],
      [healthy, false],
    ] as const) {
      const { body } = await server.json('/v1/chat/completions', ask('Write.', { max_tokens: 3 }));
      expect(body.usage.completion_tokens > 3).toBe(isBroken);
      expect(body.choices[0].finish_reason).toBe(isBroken ? 'stop' : 'length');
    }
  });

  it('nondeterministic: temperature 0 still varies', async () => {
    const body = ask('Describe a bridge.', { temperature: 0 });
    const texts = async (s: TestServer) => new Set(await Promise.all([1, 2, 3].map(() => content(s, body))));
    expect((await texts(broken('nondeterministic'))).size).toBeGreaterThan(1);
    expect((await texts(healthy)).size).toBe(1);
  });

  it('bad-usage: total_tokens is not prompt + completion, streamed or not', async () => {
    const { usage } = (await broken('bad-usage').json('/v1/chat/completions', ask('Echo: x'))).body;
    expect(usage.total_tokens).not.toBe(usage.prompt_tokens + usage.completion_tokens);
    const streamBody = ask('Echo: x', { stream: true, stream_options: { include_usage: true } });
    const chunks = sseChunks(await (await broken('bad-usage').chat(streamBody)).text());
    const u = chunks.at(-1).usage;
    expect(u.total_tokens).not.toBe(u.prompt_tokens + u.completion_tokens);
  });

  it('stream-mismatch: streamed text differs from the non-streamed answer', async () => {
    for (const prompt of ['Describe a bridge.', 'Echo: same']) {
      const body = ask(prompt, { temperature: 0 });
      const whole = await content(broken('stream-mismatch'), body);
      const chunks = sseChunks(
        await (await broken('stream-mismatch').chat({ ...body, stream: true })).text(),
      );
      expect(streamedText(chunks)).not.toBe(whole);
    }
  });

  it('long-prompt-500: a prompt over 1000 tokens gets a 500, a short one an answer', async () => {
    const long = ask('word '.repeat(1100), { max_tokens: 5 });
    expect((await broken('long-prompt-500').chat(long)).status).toBe(500);
    expect((await healthy.chat(long)).status).toBe(200);
    expect((await broken('long-prompt-500').chat(ask('Echo: short'))).status).toBe(200);
  });

  it('missing-model: /v1/models does not list the served model, which still answers', async () => {
    const { data } = await readJson(await fetch(`${broken('missing-model').url}/v1/models`));
    expect(data.map((m: { id: string }) => m.id)).not.toContain(MODEL);
    expect((await broken('missing-model').chat(ask('Echo: x'))).status).toBe(200);
  });

  it('chat-500: the chat endpoint fails, completions work', async () => {
    const res = await broken('chat-500').chat(ask('Echo: x'));
    expect(res.status).toBe(500);
    expect((await readJson(res)).error.type).toBe('server_error');
    const ok = await broken('chat-500').post('/v1/completions', { model: MODEL, prompt: 'Echo: x' });
    expect(ok.status).toBe(200);
  });

  it('completions-404: the completions endpoint does not exist', async () => {
    const res = await broken('completions-404').post('/v1/completions', { model: MODEL, prompt: 'Echo: x' });
    expect(res.status).toBe(404);
    expect((await broken('completions-404').chat(ask('Echo: x'))).status).toBe(200);
  });

  it('batch-crosstalk: concurrent answers go to the wrong requests, sequential ones do not', async () => {
    const server = broken('batch-crosstalk');
    expect(await content(server, ask('Echo: solo-1'))).toBe('solo-1');
    expect(await content(server, ask('Echo: solo-2'))).toBe('solo-2');
    const ids = [0, 1, 2, 3].map((i) => `req-${i}`);
    const answers = await Promise.all(ids.map((id) => content(server, ask(`Echo: ${id}`))));
    expect(answers).not.toEqual(ids);
    const fine = await Promise.all(ids.map((id) => content(healthy, ask(`Echo: ${id}`))));
    expect(fine).toEqual(ids);
  });

  it('no-done: the stream ends without [DONE]', async () => {
    const events = sseEvents(await (await broken('no-done').chat(ask('Echo: x', { stream: true }))).text());
    expect(events.at(-1)).not.toBe('[DONE]');
    expect(events).not.toContain('[DONE]');
  });

  it('double-usage: two usage chunks', async () => {
    const body = ask('Echo: x', { stream: true, stream_options: { include_usage: true } });
    const chunks = sseChunks(await (await broken('double-usage').chat(body)).text());
    expect(chunks.filter((c) => c.usage)).toHaveLength(2);
    expect(sseChunks(await (await healthy.chat(body)).text()).filter((c) => c.usage)).toHaveLength(1);
  });

  it('empty-answer: the content is empty', async () => {
    const { body } = await broken('empty-answer').json('/v1/chat/completions', ask('Echo: something'));
    expect(body.choices[0].message.content).toBe('');
    expect(body.usage.completion_tokens).toBe(0);
    const chunks = sseChunks(
      await (await broken('empty-answer').chat(ask('Echo: x', { stream: true }))).text(),
    );
    expect(streamedText(chunks)).toBe('');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });

  it('hang: never answers, and close() ends the pending request promptly', async () => {
    const server = await startServer({ broken: ['hang'] });
    const pending = fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask('Echo: x')),
    }).then(
      async (res) => ({ status: res.status, body: await res.text() }),
      (err: Error) => ({ status: 0, body: err.message }),
    );
    const early = await Promise.race([
      pending,
      new Promise((r) => setTimeout(() => r('still waiting'), 150)),
    ]);
    expect(early).toBe('still waiting');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const started = performance.now();
    await server.close();
    const settled = await pending;
    expect(performance.now() - started).toBeLessThan(500);
    expect([0, 503]).toContain(settled.status);
  });
});

describe('close()', () => {
  it('ends an in-flight stream promptly, without [DONE]', async () => {
    const server = await startServer({ latency: { perToken: { dist: 'fixed', ms: 50 } } });
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask(`Echo: ${'word '.repeat(100)}`, { stream: true })),
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = performance.now();
    const closing = server.close();
    let text = '';
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read())
        text += new TextDecoder().decode(r.value);
    } catch {
      // A cut connection is an acceptable way for the stream to end.
    }
    await closing;
    expect(performance.now() - started).toBeLessThan(500);
    expect(text).not.toContain('[DONE]');
    await server.close();
  });
});

describe('close() before the first byte', () => {
  it('answers waiting and queued streams with an OpenAI-shaped 503', async () => {
    const server = await startServer({
      capacity: { maxConcurrent: 1 },
      latency: { ttft: { dist: 'fixed', ms: 5000 } },
    });
    const send = () =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ask('Echo: x', { stream: true })),
      });
    const pending = [send(), send()];
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    for (const res of await Promise.all(pending)) {
      expect(res.status).toBe(503);
      expect((await readJson(res)).error.code).toBe('server_shutting_down');
    }
  });
});
