import { describe, expect, it } from 'vitest';
import { take, workload } from './helpers.js';

describe('prompts workload', () => {
  it('sends a string as one user message, with the body fields in a fixed order', async () => {
    const w = await workload({ type: 'prompts', prompts: ['Hello'] });
    const [req] = take(w, 1);
    expect(req?.body).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 32,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(Object.keys(req?.body ?? {})).toEqual([
      'model',
      'messages',
      'max_tokens',
      'temperature',
      'stream',
      'stream_options',
    ]);
    expect(req?.vars).toEqual({ prompt: 'Hello' });
  });

  it('sends a message list as it is', async () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ];
    const w = await workload({ type: 'prompts', prompts: [messages] });
    expect(w.next().body.messages).toEqual(messages);
  });

  it('completions get `prompt`, no stream_options when not streaming, and extraBody last', async () => {
    const w = await workload(
      {
        type: 'prompts',
        prompts: [
          'Hello',
          [
            { role: 'system', content: 'S' },
            { role: 'user', content: 'U' },
          ],
        ],
      },
      { endpoint: 'completions', stream: false, extraBody: { ignore_eos: true, temperature: 0.5 } },
    );
    const [a, b] = take(w, 2);
    expect(a?.body).toEqual({
      model: 'm',
      prompt: 'Hello',
      max_tokens: 32,
      temperature: 0.5,
      stream: false,
      ignore_eos: true,
    });
    expect(b?.body.prompt).toBe('S\n\nU');
    expect(b?.body.messages).toBeUndefined();
  });

  it('cycles forever while the index keeps counting', async () => {
    const w = await workload({ type: 'prompts', prompts: ['a', 'b', 'c'] });
    expect(w.size).toBe(3);
    expect(w.describe).toBe('3 inline prompts');
    const reqs = take(w, 7);
    expect(reqs.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(reqs.map((r) => (r.body.messages as Array<{ content: string }>)[0]?.content)).toEqual([
      'a',
      'b',
      'c',
      'a',
      'b',
      'c',
      'a',
    ]);
  });
});
