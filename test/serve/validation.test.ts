import { describe, expect, it } from 'vitest';
import { ask, MODEL, readJson, serve } from './helpers.js';

const server = await serve({ contextLength: 50 });

async function expectError(
  path: string,
  body: unknown,
  status: number,
  error: { param?: string | null; code?: string | null; message?: RegExp },
) {
  const res = await server.post(path, body);
  expect(res.status).toBe(status);
  const json = await readJson(res);
  expect(Object.keys(json)).toEqual(['error']);
  expect(json.error.type).toBe('invalid_request_error');
  expect(typeof json.error.message).toBe('string');
  if (error.param !== undefined) expect(json.error.param).toBe(error.param);
  if (error.code !== undefined) expect(json.error.code).toBe(error.code);
  if (error.message) expect(json.error.message).toMatch(error.message);
}

const CHAT = '/v1/chat/completions';
const COMPLETIONS = '/v1/completions';

describe('request validation (400)', () => {
  it('rejects invalid JSON and non-object bodies', async () => {
    await expectError(CHAT, '{"model": ', 400, { code: 'invalid_json' });
    await expectError(CHAT, '[1, 2]', 400, { param: null });
    await expectError(CHAT, '"text"', 400, { param: null });
  });

  it('rejects missing, empty and mistyped messages', async () => {
    await expectError(CHAT, { model: MODEL }, 400, { param: 'messages', code: 'missing_required_parameter' });
    await expectError(CHAT, { model: MODEL, messages: [] }, 400, { param: 'messages', code: 'empty_array' });
    await expectError(CHAT, { model: MODEL, messages: 'hi' }, 400, {
      param: 'messages',
      code: 'invalid_type',
    });
    await expectError(CHAT, { model: MODEL, messages: [{ role: 'user', content: 5 }] }, 400, {
      param: 'messages[0].content',
    });
    await expectError(CHAT, { model: MODEL, messages: [{ role: 'wizard', content: 'x' }] }, 400, {
      param: 'messages[0].role',
    });
    await expectError(
      CHAT,
      { model: MODEL, messages: [{ role: 'user', content: [{ type: 'image_url' }] }] },
      400,
      {
        param: 'messages[0].content[0]',
      },
    );
  });

  it('rejects a missing or mistyped model', async () => {
    await expectError(CHAT, { messages: [{ role: 'user', content: 'x' }] }, 400, { param: 'model' });
    await expectError(CHAT, ask('x', { model: 3 }), 400, { param: 'model', code: 'invalid_type' });
  });

  it('rejects missing, empty and mistyped prompts', async () => {
    await expectError(COMPLETIONS, { model: MODEL }, 400, {
      param: 'prompt',
      code: 'missing_required_parameter',
    });
    await expectError(COMPLETIONS, { model: MODEL, prompt: '' }, 400, { param: 'prompt' });
    await expectError(COMPLETIONS, { model: MODEL, prompt: [] }, 400, { param: 'prompt' });
    await expectError(COMPLETIONS, { model: MODEL, prompt: [1, 2] }, 400, {
      param: 'prompt',
      code: 'invalid_type',
    });
  });

  it('rejects out-of-range and mistyped sampling parameters', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ max_tokens: -1 }, 'max_tokens'],
      [{ max_tokens: 0 }, 'max_tokens'],
      [{ max_tokens: 2.5 }, 'max_tokens'],
      [{ max_completion_tokens: -3 }, 'max_completion_tokens'],
      [{ temperature: -0.1 }, 'temperature'],
      [{ temperature: 2.1 }, 'temperature'],
      [{ temperature: 'hot' }, 'temperature'],
      [{ top_p: 0 }, 'top_p'],
      [{ top_p: 1.5 }, 'top_p'],
      [{ n: 0 }, 'n'],
      [{ stream: 'yes' }, 'stream'],
      [{ stream: true, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
      [{ stop: 5 }, 'stop'],
      [{ stop: ['a', 1] }, 'stop[1]'],
      [{ seed: 1.5 }, 'seed'],
    ];
    for (const [extra, param] of cases) await expectError(CHAT, ask('x', extra), 400, { param });
    await expectError(COMPLETIONS, { model: MODEL, prompt: 'x', max_tokens: -5 }, 400, {
      param: 'max_tokens',
      message: /-5 is less than the minimum of 1/,
    });
  });

  it('accepts null for optional parameters, like OpenAI', async () => {
    const res = await server.chat(
      ask('Echo: ok', { temperature: null, stop: null, max_tokens: null, n: null }),
    );
    expect(res.status).toBe(200);
  });
});

describe('model and context (404, 400)', () => {
  it('answers 404 model_not_found for an unknown model', async () => {
    await expectError(CHAT, ask('x', { model: 'gpt-nope' }), 404, {
      param: 'model',
      code: 'model_not_found',
    });
    await expectError(COMPLETIONS, { model: 'gpt-nope', prompt: 'x' }, 404, { code: 'model_not_found' });
  });

  it('answers 400 context_length_exceeded with the numbers', async () => {
    const prompt = 'word '.repeat(30).trim(); // 30 tokens
    await expectError(CHAT, ask(prompt, { max_tokens: 25 }), 400, {
      param: 'messages',
      code: 'context_length_exceeded',
      message:
        /maximum context length is 50 tokens.*requested 55 tokens \(30 in the messages, 25 in the completion\)/,
    });
    await expectError(CHAT, ask('word '.repeat(60).trim()), 400, {
      code: 'context_length_exceeded',
      message: /60 tokens/,
    });
    await expectError(COMPLETIONS, { model: MODEL, prompt, max_tokens: 21 }, 400, {
      param: 'prompt',
      code: 'context_length_exceeded',
    });
    expect((await server.chat(ask(prompt, { max_tokens: 20 }))).status).toBe(200);
  });
});
