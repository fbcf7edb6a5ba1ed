/**
 * The fuzz check finds a planted defect (a non-string `model` crashes the handler with 500), shrinks it to
 * the one mutation that matters, and finds the same smallest body again for the same seed; a server that
 * hangs fails on the timeout; the budget stops a long run without failing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeOptions, startServer } from '../../../../src/serve/index.js';
import { apiSuite, openaiTarget, runApi } from './helpers.js';

const FAST: ServeOptions = {
  seed: 4,
  latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 0 } },
};

describe('fuzz against --broken model-type-500', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ ...FAST, broken: ['model-type-500'] });
  });
  afterAll(() => server.close());

  const fuzz = async (seed: number) => {
    const run = await runApi(
      apiSuite(openaiTarget(server.url), `checks: { fuzz: { seed: ${seed}, runs: 40 } }`),
    );
    return run.check('fuzz');
  };

  it('shrinks the failure to the model mutation alone, the same for the same seed', async () => {
    const first = await fuzz(11);
    expect(first.status).toBe('fail');
    const details = first.evidence?.details as {
      mutations: string[];
      seed: number;
      counterexamplePath: string;
    };
    expect(details.mutations).toHaveLength(1);
    expect(details.mutations[0]).toMatch(/^model replaced by /);
    expect(details.seed).toBe(11);
    expect(first.message).toMatch(/a fuzzed body got 500 \("TypeError: model\.toLowerCase is not a function/);
    expect(first.message).toContain(
      `replay it with fuzz { seed: 11 } (fast-check path ${details.counterexamplePath})`,
    );
    // The curl line sends the smallest body: the valid request with only the model changed.
    expect(first.evidence?.curl).toMatch(/^curl .*\/v1\/chat\/completions.*--data-raw '\{"model":(?!")/);
    expect(first.evidence?.curl).toContain('"messages":[{"role":"user","content":"Say hello in one word."}]');

    const again = await fuzz(11);
    expect(again.evidence?.details).toEqual(first.evidence?.details);
    expect(again.evidence?.curl).toBe(first.evidence?.curl);
  });

  it('passes the correct server with the same seed', async () => {
    const correct = await startServer(FAST);
    try {
      const run = await runApi(
        apiSuite(openaiTarget(correct.url), 'checks: { fuzz: { seed: 11, runs: 40 } }'),
      );
      expect(run.check('fuzz').status).toBe('pass');
      expect(run.check('fuzz').message).toMatch(/^40 fuzzed bodies \(seed 11\) got no 5xx/);
    } finally {
      await correct.close();
    }
  });
});

describe('fuzz limits', () => {
  it('fails a server that does not answer within the timeout', async () => {
    const server = await startServer({ ...FAST, broken: ['hang'] });
    try {
      const target = openaiTarget(server.url).replace(
        'timeouts: { firstByte: 5s, idle: 5s, total: 20s }',
        'timeouts: { firstByte: 150ms, idle: 1s, total: 5s }',
      );
      const run = await runApi(apiSuite(target, 'checks: { fuzz: { seed: 3, runs: 5, budget: 10s } }'));
      const result = run.check('fuzz');
      expect(result.status).toBe('fail');
      expect(result.message).toMatch(/a fuzzed body got no answer in time: .*timed out/);
      expect(result.evidence?.curl).toMatch(/^curl /);
    } finally {
      await server.close();
    }
  });

  it('stops at the budget without failing', async () => {
    const server = await startServer(FAST);
    try {
      const run = await runApi(
        apiSuite(openaiTarget(server.url), 'checks: { fuzz: { runs: 100000, budget: 300ms } }'),
      );
      const result = run.check('fuzz');
      expect(result.status).toBe('pass');
      expect(result.message).toMatch(/stopped at the 300 ms budget after \d+ of 100000 runs/);
    } finally {
      await server.close();
    }
  });
});
