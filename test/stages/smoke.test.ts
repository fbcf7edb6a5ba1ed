/**
 * Every smoke check passes against the correct reference server and fails against the broken mode made
 * for it, over real loopback sockets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/run/summary.js';
import { type BrokenMode, startServer } from '../../src/serve/index.js';
import { runCli, smokeSuite, suiteDir } from '../helpers/cli.js';

async function runAgainst(url: string, checks: string) {
  const dir = suiteDir(smokeSuite(url, checks));
  const res = await runCli(['run', '--reporter', 'json', '--out', path.join(dir, 'runs')], { cwd: dir });
  const report = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'report.json'), 'utf8')) as {
    summary: RunSummary;
    results: { id: string; status: string; message: string; evidence?: { curl?: string } }[];
  };
  return { ...res, ...report };
}

describe('smoke against the correct server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ seed: 1, contextLength: 2048 });
  });
  afterAll(() => server.close());

  it('passes every check', async () => {
    const r = await runAgainst(
      server.url,
      '{}'.replace(
        '{}',
        '[models, basic, chat, completions, streaming, batch, max_tokens, determinism, long_prompt]',
      ),
    );
    expect(r.results.map((x) => [x.id, x.status])).toEqual([
      ['smoke.models', 'pass'],
      ['smoke.basic', 'pass'],
      ['smoke.chat', 'pass'],
      ['smoke.completions', 'pass'],
      ['smoke.streaming', 'pass'],
      ['smoke.batch', 'pass'],
      ['smoke.max_tokens', 'pass'],
      ['smoke.determinism', 'pass'],
      ['smoke.long_prompt', 'pass'],
    ]);
    expect(r.code).toBe(0);
    expect(r.summary.verdict).toBe('pass');
  });
});

const CASES: { mode: BrokenMode; check: string; expect: RegExp }[] = [
  { mode: 'missing-model', check: 'models', expect: /is not listed by GET \/models/ },
  { mode: 'bad-usage', check: 'basic', expect: /usage does not add up/ },
  { mode: 'empty-answer', check: 'basic', expect: /empty answer/ },
  { mode: 'chat-500', check: 'chat', expect: /500/ },
  { mode: 'completions-404', check: 'completions', expect: /404/ },
  { mode: 'stream-mismatch', check: 'streaming', expect: /streamed text differs from the non-streamed text/ },
  { mode: 'no-done', check: 'streaming', expect: /without `data: \[DONE\]`/ },
  { mode: 'double-usage', check: 'streaming', expect: /exactly one usage chunk .* got 2/ },
  { mode: 'batch-crosstalk', check: 'batch', expect: /responses were crossed|does not repeat its code/ },
  { mode: 'ignore-max-tokens', check: 'max_tokens', expect: /over the limit/ },
  { mode: 'nondeterministic', check: 'determinism', expect: /distinct outputs in 5 repeats/ },
  { mode: 'long-prompt-500', check: 'long_prompt', expect: /got 500, a server error/ },
];

describe.each(CASES)('smoke against --broken $mode', ({ mode, check, expect: pattern }) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ seed: 1, broken: [mode], contextLength: 2048 });
  });
  afterAll(() => server.close());

  it(`fails ${check} and names it`, async () => {
    const r = await runAgainst(server.url, `[${check}]`);
    const result = r.results.find((x) => x.id === `smoke.${check}`);
    expect(result?.status).toBe('fail');
    expect(result?.message).toMatch(pattern);
    expect(result?.evidence?.curl).toMatch(/^curl /);
    expect(r.code).toBe(1);
    expect(r.summary.headline).toContain(`smoke.${check}`);
  });
});

describe('batch in reference mode (models that cannot follow instructions)', () => {
  const reference = '{ batch: { mode: reference, size: 6 } }';
  it('passes on a correct server: each batched answer equals its answer alone', async () => {
    const server = await startServer({ seed: 1 });
    try {
      const r = await runAgainst(server.url, reference);
      const result = r.results.find((x) => x.id === 'smoke.batch');
      expect(result?.status, result?.message).toBe('pass');
      expect(result?.message).toMatch(/6 concurrent requests each gave the answer they give alone/);
    } finally {
      await server.close();
    }
  });

  it('fails on crossed responses, naming whose answer came back', async () => {
    const server = await startServer({ seed: 1, broken: ['batch-crosstalk'] });
    try {
      const r = await runAgainst(server.url, reference);
      const result = r.results.find((x) => x.id === 'smoke.batch');
      expect(result?.status).toBe('fail');
      expect(result?.message).toMatch(
        /answer \d in the batch is the answer of request \d: responses were crossed/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('smoke against --broken hang', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ seed: 1, broken: ['hang'] });
  });
  afterAll(() => server.close());

  it('fails long_prompt as a hang within its timeout', async () => {
    const dir = suiteDir(smokeSuite(server.url, '{ long_prompt: { timeout: 1s, tokens: 100 } }'));
    const res = await runCli(['run', '--reporter', 'json', '--out', path.join(dir, 'runs')], { cwd: dir });
    const report = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'report.json'), 'utf8'));
    expect(report.results[0].status).toBe('fail');
    expect(report.results[0].message).toMatch(/hung: no first byte within 1 s/);
    expect(res.code).toBe(1);
  });
});
