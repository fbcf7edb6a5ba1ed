import { describe, expect, it } from 'vitest';
import { ask, readJson, serve } from './helpers.js';

describe('authentication', async () => {
  const server = await serve({ apiKeys: ['sk-right', 'sk-other'] });

  it('answers 401 invalid_api_key without a key or with a wrong one', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer sk-wrong' },
      { authorization: 'sk-right' },
    ];
    for (const headers of cases) {
      const res = await server.post('/v1/chat/completions', ask('Echo: x'), headers);
      expect(res.status).toBe(401);
      const { error } = await readJson(res);
      expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    }
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(401);
  });

  it('accepts any configured key, and leaves health and metrics open', async () => {
    for (const key of ['sk-right', 'sk-other']) {
      const res = await server.post('/v1/chat/completions', ask('Echo: x'), {
        authorization: `Bearer ${key}`,
      });
      expect(res.status).toBe(200);
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });
});

describe('rate limit', async () => {
  const server = await serve({ rateLimit: { requestsPerSecond: 0.5, burst: 2 } });

  it('lets a burst through, then answers 429 with Retry-After and an OpenAI-shaped body', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await server.chat(ask('Echo: x'));
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.text();
    }
    expect(statuses).toEqual([200, 200, 429]);
    const retryAfter = Number(limited?.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    const { error } = await readJson(limited as Response);
    expect(error).toMatchObject({
      code: 'rate_limit_exceeded',
      param: null,
      message: expect.stringMatching(/0.5/),
    });
  });
});
