import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../../src/metrics/text/index.js';
import { both, check } from './helpers.js';

const usage = { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 };

describe('latency', () => {
  it('passes at or under max (a duration) and fails over it; not-latency inverts', async () => {
    expect((await check({ type: 'latency', max: '100ms' }, 'x', { output: { latencyMs: 100 } })).pass).toBe(
      true,
    );
    const slow = await both({ type: 'latency', max: '1s' }, 'x', { output: { latencyMs: 1500 } });
    expect(slow.plain).toMatchObject({ pass: false, score: 0 });
    expect(slow.plain.reason).toBe('latency 1500ms > 1000ms');
    expect(slow.negated.pass).toBe(true);
  });

  it('says when the response came from the cache', async () => {
    const r = await check({ type: 'latency', max: 500 }, 'x', { output: { latencyMs: 20, cached: true } });
    expect(r.reason).toContain('cached response');
  });
});

describe('tokens', () => {
  it('uses completion tokens from usage; not-tokens inverts', async () => {
    const r = await both({ type: 'tokens', max: 12 }, 'some answer', { output: { usage } });
    expect(r.plain).toMatchObject({ pass: true, details: { tokens: 12, estimated: false } });
    expect(r.negated.pass).toBe(false);
    expect((await check({ type: 'tokens', max: 11 }, 'some answer', { output: { usage } })).pass).toBe(false);
  });

  it('uses total tokens when asked', async () => {
    expect((await check({ type: 'tokens', max: 52, count: 'total' }, 'a', { output: { usage } })).pass).toBe(
      true,
    );
    expect((await check({ type: 'tokens', max: 51, count: 'total' }, 'a', { output: { usage } })).pass).toBe(
      false,
    );
  });

  it('estimates without usage, and says so', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const n = estimateTokens(text);
    expect(n).toBeGreaterThan(0);
    const r = await check({ type: 'tokens', max: n }, text);
    expect(r.pass).toBe(true);
    expect(r.reason).toContain('estimated');
    expect((await check({ type: 'tokens', max: Math.max(1, n - 1) }, text)).pass).toBe(false);
    const total = await check({ type: 'tokens', max: 10_000, count: 'total' }, text, {
      prompt: 'hello there',
    });
    expect(total.details?.tokens).toBe(estimateTokens('hello there') + n);
  });
});
