/**
 * The conformance checks of the api stage (models, errors, sse, health, bad_input, fuzz) end to end through
 * the CLI: all pass against the correct reference server, and each broken mode made for one of them fails
 * that check, naming the problem, while the other five still pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokenMode, type ServeOptions, startServer } from '../../../../src/serve/index.js';
import { apiSuite, openaiTarget, runApi, SMALL_FUZZ, statuses } from './helpers.js';

const KEY = 'sk-conformance-3f9a11c2';
const FAST: ServeOptions = {
  seed: 2,
  apiKeys: [KEY],
  latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 0 } },
};
const MINE = ['models', 'errors', 'sse', 'health', 'bad_input', 'fuzz'];
const checks = (badInput = '{ oversizeBytes: 300000 }') =>
  `checks: { models: {}, errors: {}, sse: {}, health: {}, bad_input: ${badInput}, fuzz: ${SMALL_FUZZ} }`;
const target = (url: string) => openaiTarget(url, `apiKey: ${KEY}`);

describe('conformance checks against the correct server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(FAST);
  });
  afterAll(() => server.close());

  it('pass, with the default 8 MiB oversized body and the 401 probe', async () => {
    const run = await runApi(apiSuite(target(server.url), checks('{}')));
    expect(statuses(run)).toEqual(MINE.map((c) => [`api.${c}`, 'pass']));
    expect(run.code).toBe(0);
    expect(run.check('errors').message).toMatch(/4 provoked errors \(400, 404, 404, 401\)/);
    expect(run.check('bad_input').message).toMatch(/^11 bad inputs rejected \(400 ×11\)/);
    expect(run.check('fuzz').message).toMatch(/^25 fuzzed bodies \(seed 7\) got no 5xx/);
    // The made-up key of the 401 probe is shown literally, so its curl line reproduces the 401 ...
    const probes = run.check('errors').evidence?.details?.probes as { probe: string; curl: string }[];
    expect(probes.at(-1)?.curl).toContain('"authorization: Bearer sk-gauntlet-wrong-key-0000"');
    // ... while the real key never reaches the report, not even through the evidence of the probes.
    expect(JSON.stringify(run.results)).not.toContain(KEY);
  });

  it('fails a bad_input case the server accepts, with its name, status and curl line', async () => {
    const run = await runApi(
      apiSuite(
        target(server.url),
        `checks:
  bad_input:
    builtins: false
    cases:
      - { name: unknown field is fine, set: { 'metadata.note': hi } }
      - { name: raw garbage, raw: 'not json', contentType: application/json }
      - { name: wants 422, set: { temperature: 9 }, expect: [422] }`,
      ),
    );
    const result = run.check('bad_input');
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/^2 of 3 bad inputs not rejected as expected/);
    expect(result.message).toContain(
      '"unknown field is fine" got 200: the server accepted it (expected a 4xx)',
    );
    expect(result.message).toContain('"wants 422" got 400 (expected 422)');
    expect(result.evidence?.curl).toMatch(/^curl .*"metadata":\{"note":"hi"\}/);
    const failures = result.evidence?.details?.failures as { name: string; curl: string }[];
    expect(failures.map((f) => f.name)).toEqual(['unknown field is fine', 'wants 422']);
    expect(failures[1]?.curl).toMatch(/"temperature":9/);
  });
});

const CASES: { mode: BrokenMode; check: string; expect: RegExp }[] = [
  { mode: 'models-shape', check: 'models', expect: /top-level object is undefined, expected "list"/ },
  {
    mode: 'error-200',
    check: 'errors',
    expect: /404 unknown model: answered 200 \(success\) with an error object inside.*expected 404/,
  },
  { mode: 'error-shape', check: 'errors', expect: /the body has no "error" object \(got keys detail\)/ },
  { mode: 'chunk-ids', check: 'sse', expect: /chunks carry \d+ different ids/ },
  { mode: 'no-done', check: 'sse', expect: /the stream ended without `data: \[DONE\]`/ },
  { mode: 'double-usage', check: 'sse', expect: /exactly one usage chunk .* got 2/ },
  { mode: 'bad-usage', check: 'sse', expect: /usage does not add up/ },
  { mode: 'health-down', check: 'health', expect: /GET \/health: answered 503, expected 200/ },
  {
    mode: 'bad-input-500',
    check: 'bad_input',
    expect: /^3 of 11 bad inputs not rejected.*"max_tokens -1" got 500, a server error/,
  },
  { mode: 'model-type-500', check: 'fuzz', expect: /a fuzzed body got 500.*model replaced by/ },
];

describe.each(CASES)('conformance checks against --broken $mode', ({ mode, check, expect: pattern }) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ ...FAST, broken: [mode] });
  });
  afterAll(() => server.close());

  it(`fail ${check} only, naming the problem`, async () => {
    const run = await runApi(apiSuite(target(server.url), checks()));
    expect(statuses(run)).toEqual(MINE.map((c) => [`api.${c}`, c === check ? 'fail' : 'pass']));
    const result = run.check(check);
    expect(result.message).toMatch(pattern);
    expect(result.evidence?.curl).toMatch(/^curl /);
    expect(run.code).toBe(1);
    expect(run.summary.headline).toContain(`api.${check}`);
  });
});
