/**
 * `gauntlet serve --engine llama` on the tiny model our code writes: the OpenAI surface backed by real
 * llama.cpp, usage from the model's own tokenizer, stop and max_tokens, seeded sampling, the load figures
 * in /metrics, and a client that walks away mid-stream not breaking the next request.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/serve/index.js';
import { tinyModel } from '../../../src/serve/llama/gguf/tiny.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let modelFile: string;
let llama: Llama;
let model: LlamaModel;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-llama-'));
  modelFile = path.join(dir, 'tiny.gguf');
  writeFileSync(modelFile, tinyModel({ seed: 0 }));
  server = await startServer({ engine: { type: 'llama', model: modelFile, parallel: 2, contextSize: 512 } });
  // The same file loaded a second time, apart from the server, to count tokens independently.
  const { getLlama } = await import('node-llama-cpp');
  llama = await getLlama({ gpu: false, build: 'never' });
  model = await llama.loadModel({ modelPath: modelFile, gpuLayers: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await model?.dispose();
  await llama?.dispose();
});

async function post(route: string, body: object, signal?: AbortSignal) {
  const res = await fetch(`${server.url}/v1/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'tiny', ...body }),
    ...(signal ? { signal } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: OpenAI bodies are read field by field in the assertions below
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('serve --engine llama', () => {
  it('serves the file under its base name, with the load figures at startup and in /metrics', async () => {
    expect(server.models).toEqual(['tiny']);
    expect(server.engine?.architecture).toBe('llama');
    expect(server.engine?.loadMs).toBeGreaterThan(0);
    expect(server.engine?.modelBytes).toBeGreaterThan(500_000);
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(['tiny']);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^gauntlet_engine_info\{model="gauntlet-tiny",.*architecture="llama",device="cpu",chat_format="ChatML"\} 1$/m,
    );
    expect(metrics).toMatch(/^gauntlet_engine_model_load_seconds \d+(\.\d+)?(e-\d+)?$/m);
    expect(metrics).toMatch(/^gauntlet_engine_parallel_sequences 2$/m);
  });

  it('counts prompt tokens with the model tokenizer (completions: BOS + the prompt)', async () => {
    const prompt = 'The quick brown fox jumps over the lazy dog';
    const r = await post('completions', { prompt, max_tokens: 5, temperature: 0 });
    expect(r.status).toBe(200);
    expect(r.body.usage.prompt_tokens).toBe(1 + model.tokenize(prompt).length);
    expect(r.body.usage.completion_tokens).toBe(5);
    expect(r.body.choices[0].finish_reason).toBe('length');
  });

  it('counts chat prompt tokens through the chat template (ChatML from the file)', async () => {
    const { resolveChatWrapper } = await import('node-llama-cpp');
    const wrapper = resolveChatWrapper(model);
    const state = wrapper.generateContextState({
      chatHistory: [
        { type: 'system', text: 'Be brief.' },
        { type: 'user', text: 'Hello there' },
        { type: 'model', response: [] },
      ],
    });
    const r = await post('chat/completions', {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
      max_tokens: 12,
      temperature: 0,
    });
    expect(r.body.usage.prompt_tokens).toBe(state.contextText.tokenize(model.tokenizer).length);
    expect(r.body.usage.completion_tokens).toBe(12);
    expect(r.body.system_fingerprint).toMatch(/^fp_llama_[0-9a-f]{10}$/);
  });

  it('greedy answers are the same every time, streamed or not', async () => {
    const body = {
      messages: [{ role: 'user', content: 'Tell me about rivers.' }],
      max_tokens: 20,
      temperature: 0,
    };
    const a = await post('chat/completions', body);
    const b = await post('chat/completions', body);
    expect(a.body.choices[0].message.content.length).toBeGreaterThan(0);
    expect(b.body.choices[0].message.content).toBe(a.body.choices[0].message.content);
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tiny', ...body, stream: true, stream_options: { include_usage: true } }),
    });
    const events = (await res.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)));
    const text = events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('');
    expect(text).toBe(a.body.choices[0].message.content);
    expect(events.at(-1).usage).toEqual(a.body.usage);
  });

  it('cuts at a stop string and says stop', async () => {
    const base = await post('completions', { prompt: 'Once upon a time', max_tokens: 16, temperature: 0 });
    const full: string = base.body.choices[0].text;
    const stop = full.slice(4, 7);
    expect(stop.length).toBe(3);
    const cut = await post('completions', {
      prompt: 'Once upon a time',
      max_tokens: 16,
      temperature: 0,
      stop: [stop],
    });
    expect(cut.body.choices[0].text).toBe(full.slice(0, full.indexOf(stop)));
    expect(cut.body.choices[0].finish_reason).toBe('stop');
  });

  it('samples reproducibly with a seed, and n seeded choices differ from each other', async () => {
    const body = { prompt: 'Rivers and mountains', max_tokens: 12, temperature: 1.2, seed: 7, n: 2 };
    const a = await post('completions', body);
    const b = await post('completions', body);
    const texts = (r: typeof a) => r.body.choices.map((c: { text: string }) => c.text);
    expect(texts(a)).toHaveLength(2);
    expect(texts(b)).toEqual(texts(a));
    expect(texts(a)[0]).not.toBe(texts(a)[1]);
    expect(a.body.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('any integer seed works: negative and beyond 32 bits give their own streams, n choices differ', async () => {
    const text = async (seed: number, n = 1) =>
      (
        await post('completions', { prompt: 'Rivers', max_tokens: 12, temperature: 1.2, seed, n })
      ).body.choices.map((c: { text: string }) => c.text);
    const [minusOne, minusTwo, zero, big] = await Promise.all([text(-1), text(-2), text(0), text(2 ** 32)]);
    expect(new Set([minusOne[0], minusTwo[0], zero[0], big[0]]).size).toBe(4);
    const pair = await text(-5, 2);
    expect(pair[0]).not.toBe(pair[1]);
    expect(await text(-5, 2)).toEqual(pair);
  });

  it('an answer that reaches the end-of-generation token finishes with stop, not length', async () => {
    // top_k 0 lets the tiny model sample its end token (a zero logit, never in the top 40); some seed in
    // this range ends early (46, 47 and 50 did when this was written).
    let ended: { finish: string; tokens: number } | undefined;
    for (let seed = 40; seed < 80 && !ended; seed++) {
      const r = await post('completions', {
        prompt: 'Once',
        max_tokens: 400,
        temperature: 2,
        top_k: 0,
        seed,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const finish = r.body.choices[0].finish_reason;
      if (finish === 'stop') ended = { finish, tokens: r.body.usage.completion_tokens };
      else expect(r.body.usage.completion_tokens).toBe(400);
    }
    expect(ended?.tokens).toBeLessThan(400);
  });

  it('samples differently from request to request without a seed', async () => {
    const body = { prompt: 'Rivers and mountains', max_tokens: 16, temperature: 1.5 };
    const texts = new Set<string>();
    for (let i = 0; i < 4; i++) texts.add((await post('completions', body)).body.choices[0].text);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('refuses a prompt longer than the context with the OpenAI message', async () => {
    const r = await post('completions', { prompt: 'river '.repeat(600), max_tokens: 8 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('context_length_exceeded');
    expect(r.body.error.message).toMatch(/maximum context length is 512 tokens/);
  });

  it('checks the model before tokenizing, and refuses a prompt too long to tokenize by its characters', async () => {
    const huge = 'x'.repeat(512 * 256 + 1);
    const unknown = await fetch(`${server.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'nope', prompt: huge, max_tokens: 4 }),
    });
    expect(unknown.status).toBe(404);
    const long = await post('completions', { prompt: huge, max_tokens: 4 });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(
      /your prompt has 131073 characters, more than 512 tokens can hold/,
    );
  });

  it('keeps serving after a client walks away mid-stream', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'tiny',
        messages: [{ role: 'user', content: 'go on' }],
        max_tokens: 400,
        stream: true,
      }),
      signal: ctl.signal,
    });
    const reader = res.body?.getReader();
    await reader?.read();
    ctl.abort();
    // Both sequences are free again: two requests at once complete.
    const both = await Promise.all(
      [1, 2].map(() => post('completions', { prompt: 'after the abort', max_tokens: 4, temperature: 0 })),
    );
    expect(both.map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('closing a llama server with requests in flight', () => {
  it('ends every stream and answers queued requests with 503, cutting no socket', async () => {
    const s = await startServer({
      engine: { type: 'llama', model: modelFile, parallel: 2, contextSize: 512 },
    });
    const stream = async () => {
      const res = await fetch(`${s.url}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'tiny', prompt: 'Once', max_tokens: 480, stream: true }),
      });
      // Reading the whole body throws on a cut socket; an ended stream just ends.
      return { status: res.status, body: await res.text() };
    };
    const requests = [stream(), stream(), stream()];
    await new Promise((r) => setTimeout(r, 150));
    await s.close();
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 503]);
    for (const r of results.filter((x) => x.status === 200)) {
      expect(r.body).toMatch(/^data: /);
      expect(r.body).not.toContain('[DONE]');
    }
  }, 30_000);
});
