import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/serve/index.js';
import { ask, readJson, serve } from './helpers.js';

const server = await serve({
  latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 0 } },
});

async function text(body: Record<string, unknown>, url = server.url): Promise<string> {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await readJson(res)).choices[0].message.content;
}

describe('determinism', () => {
  it('gives the same text at temperature 0, whatever the seed', async () => {
    const body = ask('Describe the harbor.', { temperature: 0 });
    const first = await text(body);
    expect(await text(body)).toBe(first);
    expect(await text({ ...body, seed: 99 })).toBe(first);
    expect(await text(ask('Describe the garden.', { temperature: 0 }))).not.toBe(first);
  });

  it('gives the same temperature-0 text on another server (depends only on the request)', async () => {
    const other = await startServer({ seed: 12345 });
    try {
      const body = ask('Describe the harbor.', { temperature: 0 });
      expect(await text(body, other.url)).toBe(await text(body));
    } finally {
      await other.close();
    }
  });

  it('is reproducible with a seed at temperature > 0', async () => {
    const body = ask('Describe the harbor.', { temperature: 0.9, seed: 42 });
    const first = await text(body);
    expect(await text(body)).toBe(first);
    expect(await text({ ...body, seed: 43 })).not.toBe(first);
  });

  it('varies between requests at temperature > 0 without a seed', async () => {
    const body = ask('Describe the harbor.', { temperature: 1 });
    const texts = new Set(await Promise.all([1, 2, 3, 4, 5].map(() => text(body))));
    expect(texts.size).toBeGreaterThan(1);
  });

  it('has temperature and top_p shape the output', async () => {
    const base = await text(ask('Describe the harbor.', { temperature: 0 }));
    expect(await text(ask('Describe the harbor.', { temperature: 0, top_p: 0.1 }))).not.toBe(base);
  });
});
