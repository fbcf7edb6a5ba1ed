import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../../src/serve/index.js';
import { syntheticWords, WorkloadError } from '../../../../src/stages/load/workload/index.js';
import { take, workload } from './helpers.js';

const spec = {
  type: 'synthetic',
  promptTokens: { mean: 100, stddev: 30, min: 40, max: 150 },
  outputTokens: { mean: 50, stddev: 20, min: 10, max: 80 },
  distinct: 200,
};

function promptOf(body: Record<string, unknown>): string {
  return (body.messages as Array<{ content: string }>)[0]?.content ?? '';
}

describe('synthetic workload', () => {
  it('draws prompt sizes from the distribution, clamped, and records the hint', async () => {
    const w = await workload(spec);
    const reqs = take(w, 200);
    const sizes = reqs.map((r) => r.promptTokensHint as number);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(150);
    expect(sizes.some((s) => s === 40 || s === 150)).toBe(true); // 2 sigma out: some hit the clamps
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(94);
    expect(mean).toBeLessThan(106);
    const sd = Math.sqrt(sizes.reduce((a, s) => a + (s - mean) ** 2, 0) / sizes.length);
    expect(sd).toBeGreaterThan(22);
    expect(sd).toBeLessThan(32);
  });

  it('builds each prompt from one-token words, exactly hint words long', async () => {
    const w = await workload(spec);
    const vocab = new Set(syntheticWords);
    for (const req of take(w, 50)) {
      const words = promptOf(req.body).split(' ');
      expect(words.length).toBe(req.promptTokensHint);
      expect(words.every((word) => vocab.has(word))).toBe(true);
      // The reference server's tokenizer agrees (it is word-based, like the real ones on these words).
      expect(countTokens(promptOf(req.body))).toBe(req.promptTokensHint);
    }
  });

  it('draws max_tokens per request from the output distribution and leaves ignore_eos to the user', async () => {
    const w = await workload(spec);
    const outs = take(w, 400).map((r) => r.body.max_tokens as number);
    expect(Math.min(...outs)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...outs)).toBeLessThanOrEqual(80);
    expect(new Set(outs).size).toBeGreaterThan(30);
    expect(w.next().body.ignore_eos).toBeUndefined();
    const eos = await workload(spec, { extraBody: { ignore_eos: true } });
    expect(eos.next().body.ignore_eos).toBe(true);
  });

  it('is the same for the same seed and different for another', async () => {
    const run = async (seed: number) =>
      take(await workload(spec, { seed }), 30).map((r) => [
        r.promptTokensHint,
        r.body.max_tokens,
        promptOf(r.body),
      ]);
    const a = await run(9);
    expect(await run(9)).toEqual(a);
    const b = await run(10);
    expect(b).not.toEqual(a);
    expect(b.map((x) => x[0])).not.toEqual(a.map((x) => x[0]));
  });

  it('cycles through `distinct` prompts', async () => {
    const w = await workload({ ...spec, distinct: 3 });
    expect(w.size).toBe(3);
    expect(w.describe).toMatch(/^synthetic: 3 distinct prompts, prompt tokens N\(100, 30\) in \[40, 150\]/);
    const reqs = take(w, 7);
    expect(reqs.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(promptOf(reqs[3]?.body ?? {})).toBe(promptOf(reqs[0]?.body ?? {}));
    expect(promptOf(reqs[1]?.body ?? {})).not.toBe(promptOf(reqs[0]?.body ?? {}));
  });

  it('a fixed size with stddev 0; min above max is a config error', async () => {
    const w = await workload({ ...spec, promptTokens: { mean: 17 } });
    expect(take(w, 20).every((r) => r.promptTokensHint === 17)).toBe(true);
    await expect(workload({ ...spec, outputTokens: { mean: 5, min: 9, max: 3 } })).rejects.toThrow(
      WorkloadError,
    );
  });
});
