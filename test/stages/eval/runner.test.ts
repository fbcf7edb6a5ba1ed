/** The eval runner's adaptive concurrency (AIMD on 429/503) and its retry budget, with a scripted client. */
import { describe, expect, it } from 'vitest';
import { EvalRunner } from '../../../src/stages/eval/runner.js';
import { type OpenAIClient, TargetHttpError } from '../../../src/target/index.js';

/** A client whose chat answers follow a script: 'ok', or a status to throw. */
function scripted(script: (call: number) => 'ok' | number) {
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    url: (p: string) => `http://127.0.0.1:1/v1${p}`,
    async chat() {
      const n = calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const step = script(n);
      if (step !== 'ok') {
        throw new TargetHttpError({
          method: 'POST',
          url: 'http://127.0.0.1:1/v1/chat/completions',
          status: step,
          excerpt: '',
          retryAfter: '0',
        });
      }
      return { data: { choices: [{ message: { content: `answer ${n}` }, finish_reason: 'stop' }] } };
    },
  };
  return { client: client as unknown as OpenAIClient, stats: () => ({ calls, maxInFlight }) };
}

const req = { endpoint: 'chat' as const, cacheable: false, body: { model: 'm', messages: [] } };

describe('EvalRunner', () => {
  it('halves its concurrency on 429 and grows back slowly after successes', async () => {
    const { client } = scripted((n) => (n < 4 ? 429 : 'ok'));
    const runner = new EvalRunner(client, {
      concurrency: 8,
      retryBudget: 50,
      timeoutMs: 1000,
      signal: new AbortController().signal,
    });
    const outs = await Promise.all(Array.from({ length: 8 }, () => runner.run(req)));
    expect(outs.every((o) => !o.error)).toBe(true);
    expect(runner.throttled).toBe(4);
    expect(runner.retriesUsed).toBe(4);
    // 8 → 4 → 2 → 1 → 1 after four 429s; then +1 per `limit` successes in a row, never above 8.
    expect(runner.currentLimit).toBeGreaterThanOrEqual(1);
    expect(runner.currentLimit).toBeLessThan(8);
  });

  it('stops retrying when the stage budget is spent, and reports the error on the case', async () => {
    const { client, stats } = scripted(() => 503);
    const runner = new EvalRunner(client, {
      concurrency: 2,
      retryBudget: 3,
      timeoutMs: 1000,
      signal: new AbortController().signal,
    });
    const outs = await Promise.all([runner.run(req), runner.run(req)]);
    expect(outs.every((o) => o.error?.status === 503)).toBe(true);
    expect(runner.retriesUsed).toBe(3);
    expect(stats().calls).toBe(5);
  });

  it('does not retry a 400: it is the request, not the load', async () => {
    const { client, stats } = scripted(() => 400);
    const runner = new EvalRunner(client, {
      concurrency: 2,
      retryBudget: 10,
      timeoutMs: 1000,
      signal: new AbortController().signal,
    });
    const out = await runner.run(req);
    expect(out.error?.status).toBe(400);
    expect(stats().calls).toBe(1);
  });

  it('never has more requests in flight than its limit', async () => {
    const { client, stats } = scripted(() => 'ok');
    const runner = new EvalRunner(client, {
      concurrency: 3,
      retryBudget: 0,
      timeoutMs: 1000,
      signal: new AbortController().signal,
    });
    await Promise.all(Array.from({ length: 20 }, () => runner.run(req)));
    expect(stats().maxInFlight).toBe(3);
  });
});
