import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/serve/index.js';
import { ask, type Json, MODEL, readJson, serve, sseChunks, sseEvents, streamedText } from './helpers.js';

const server = await serve({
  models: [MODEL, 'second-model'],
  contextLength: 2048,
  latency: { ttft: { dist: 'fixed', ms: 2 }, perToken: { dist: 'fixed', ms: 1 } },
});

describe('GET /health and /v1/models', () => {
  it('reports health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), model: MODEL });
    expect(body.uptime_s).toBeGreaterThanOrEqual(0);
  });

  it('lists the served models in the OpenAI shape', async () => {
    const body = await readJson(await fetch(`${server.url}/v1/models`));
    expect(body.object).toBe('list');
    expect(body.data).toEqual(
      [MODEL, 'second-model'].map((id) => ({
        id,
        object: 'model',
        created: expect.any(Number),
        owned_by: 'gauntlet',
        max_model_len: 2048,
      })),
    );
  });

  it('answers unknown routes with an OpenAI-shaped 404', async () => {
    const res = await fetch(`${server.url}/v1/nope`);
    expect(res.status).toBe(404);
    expect((await readJson(res)).error).toMatchObject({ type: 'invalid_request_error', code: 'unknown_url' });
  });
});

describe('POST /v1/chat/completions', () => {
  it('answers in the chat.completion shape with usage from the tokenizer', async () => {
    const { status, body, headers } = await server.json('/v1/chat/completions', ask('Hello there, model.'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ object: 'chat.completion', model: MODEL, created: expect.any(Number) });
    expect(body.id).toMatch(/^chatcmpl-\w+$/);
    expect(headers.get('x-request-id')).toBe(body.id);
    expect(body.choices).toHaveLength(1);
    const [choice] = body.choices;
    expect(choice).toMatchObject({ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' });
    expect(choice.message.content.length).toBeGreaterThan(0);
    expect(body.usage).toEqual({
      prompt_tokens: countTokens('Hello there, model.'),
      completion_tokens: countTokens(choice.message.content),
      total_tokens: countTokens('Hello there, model.') + countTokens(choice.message.content),
    });
  });

  it('counts the prompt tokens of every message, text parts included', async () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Echo: ok' }] },
    ];
    const { body } = await server.json('/v1/chat/completions', { model: MODEL, messages });
    expect(body.choices[0].message.content).toBe('ok');
    expect(body.usage.prompt_tokens).toBe(countTokens('Be brief.') + countTokens('Echo: ok'));
  });

  it('streams role, one chunk per token, finish, usage and [DONE] with one id', async () => {
    const prompt = 'Repeat exactly: stream me, please!';
    const res = await server.chat(ask(prompt, { stream: true, stream_options: { include_usage: true } }));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseEvents(await res.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const tokens = chunks.slice(1, -2).map((c) => c.choices[0].delta.content);
    expect(tokens).toEqual(['stream', ' me', ',', ' please', '!']);
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1).choices).toEqual([]);
    expect(chunks.at(-1).usage).toEqual({
      prompt_tokens: countTokens(prompt),
      completion_tokens: 5,
      total_tokens: countTokens(prompt) + 5,
    });
  });

  it('sends no usage chunk unless asked', async () => {
    const chunks = sseChunks(await (await server.chat(ask('Echo: a b', { stream: true }))).text());
    expect(chunks.every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
    expect(streamedText(chunks)).toBe('a b');
  });

  it('cuts at max_tokens (and max_completion_tokens) with finish_reason length', async () => {
    for (const key of ['max_tokens', 'max_completion_tokens']) {
      const { body } = await server.json(
        '/v1/chat/completions',
        ask('Echo: one two three four', { [key]: 2 }),
      );
      expect(body.choices[0]).toMatchObject({ message: { content: 'one two' }, finish_reason: 'length' });
      expect(body.usage.completion_tokens).toBe(2);
    }
    const chunks = sseChunks(
      await (await server.chat(ask('Echo: one two three', { max_tokens: 1, stream: true }))).text(),
    );
    expect(streamedText(chunks)).toBe('one');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('length');
  });

  it('stops before a stop sequence (string or array)', async () => {
    const a = await server.json('/v1/chat/completions', ask('Echo: alpha beta gamma', { stop: ' gamma' }));
    expect(a.body.choices[0]).toMatchObject({ message: { content: 'alpha beta' }, finish_reason: 'stop' });
    const b = await server.json(
      '/v1/chat/completions',
      ask('Echo: alpha beta gamma', { stop: ['zzz', 'ta'] }),
    );
    expect(b.body.choices[0].message.content).toBe('alpha be');
    const chunks = sseChunks(
      await (await server.chat(ask('Echo: alpha beta', { stop: 'beta', stream: true }))).text(),
    );
    expect(streamedText(chunks)).toBe('alpha ');
  });

  it('returns n choices, streamed by index', async () => {
    const { body } = await server.json(
      '/v1/chat/completions',
      ask('Say something.', { n: 3, temperature: 1 }),
    );
    expect(body.choices.map((c: { index: number }) => c.index)).toEqual([0, 1, 2]);
    const total = body.choices.reduce((s: number, c: Json) => s + countTokens(c.message.content), 0);
    expect(body.usage.completion_tokens).toBe(total);
    const chunks = sseChunks(await (await server.chat(ask('Echo: x y', { n: 2, stream: true }))).text());
    expect(streamedText(chunks, 0)).toBe('x y');
    expect(streamedText(chunks, 1)).toBe('x y');
    const finishes = chunks.flatMap((c) => c.choices).filter((c) => c.finish_reason !== null);
    expect(finishes.map((c) => c.index).sort()).toEqual([0, 1]);
  });

  it('streams the same text it answers without streaming', async () => {
    const body = ask('Write about rivers.', { temperature: 0, max_tokens: 40 });
    const whole = await server.json('/v1/chat/completions', body);
    const chunks = sseChunks(await (await server.chat({ ...body, stream: true })).text());
    expect(streamedText(chunks)).toBe(whole.body.choices[0].message.content);
  });
});

describe('POST /v1/completions', () => {
  it('answers in the text_completion shape', async () => {
    const { status, body } = await server.json('/v1/completions', {
      model: MODEL,
      prompt: 'Echo: hi',
      max_tokens: 8,
    });
    expect(status).toBe(200);
    expect(body.id).toMatch(/^cmpl-\w+$/);
    expect(body).toMatchObject({ object: 'text_completion', model: MODEL });
    expect(body.choices).toEqual([{ text: 'hi', index: 0, logprobs: null, finish_reason: 'stop' }]);
    expect(body.usage).toEqual({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
  });

  it('defaults to 16 tokens, like OpenAI', async () => {
    const { body } = await server.json('/v1/completions', { model: MODEL, prompt: 'Tell a long story.' });
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(16);
  });

  it('answers each prompt of a prompt array', async () => {
    const { body } = await server.json('/v1/completions', {
      model: MODEL,
      prompt: ['Echo: a', 'Echo: b'],
      n: 2,
    });
    expect(body.choices.map((c: { text: string }) => c.text)).toEqual(['a', 'a', 'b', 'b']);
  });

  it('streams text chunks, a finish chunk, usage and [DONE]', async () => {
    const res = await server.post('/v1/completions', {
      model: MODEL,
      prompt: 'Echo: one two',
      stream: true,
      stream_options: { include_usage: true },
    });
    const events = sseEvents(await res.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.every((c) => c.object === 'text_completion' && c.id.startsWith('cmpl-'))).toBe(true);
    expect(chunks.slice(0, 2).map((c) => c.choices[0].text)).toEqual(['one', ' two']);
    expect(chunks[2].choices[0]).toMatchObject({ text: '', finish_reason: 'stop' });
    expect(chunks[3]).toMatchObject({ choices: [], usage: { completion_tokens: 2, total_tokens: 6 } });
  });
});
