/** The load stage end to end through the CLI, against real loopback servers. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/serve/index.js';
import { runCli, suiteDir } from '../../helpers/cli.js';
import { startStallServer } from '../../helpers/stall-server.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    seed: 5,
    latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 1 } },
  });
});
afterAll(() => server.close());

const suite = (
  url: string,
  stage: string,
  extra = '',
) => `target: { type: openai, baseUrl: ${url}/v1, model: gauntlet-sim }
stages:
  - kind: load
${stage
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
report: { reporters: [json, junit] }
${extra}`;

async function run(yaml: string, args: string[] = []) {
  const dir = suiteDir(yaml);
  const started = performance.now();
  const r = await runCli(['run', '--out', 'runs', ...args], { cwd: dir });
  const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'));
  const events = readFileSync(path.join(dir, 'runs', 'latest', 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  return { ...r, summary, events, wallMs: performance.now() - started };
}

const metric = (
  summary: { metrics: { name: string; tags: Record<string, string>; values: Record<string, number> }[] },
  name: string,
  level?: string,
) => summary.metrics.find((m) => m.name === name && (!level || m.tags.level === level))?.values;

describe('load stage', () => {
  it('runs levels, judges thresholds per level as checks, and fills the table and artifacts', async () => {
    const r = await run(
      suite(
        server.url,
        `
profile: { type: concurrency, concurrency: [1, 4] }
requests: 40
maxTokens: 16
thresholds:
  ttft: ['p(95)<2000']
  error_rate: ['rate<0.01']
  output_tokens_per_s: ['value>1']
`,
      ),
    );
    expect(r.code).toBe(0);
    expect(r.summary.checks.map((c: { id: string }) => c.id)).toEqual([
      'load[c1].ttft p(95)<2000',
      'load[c1].error_rate rate<0.01',
      'load[c1].output_tokens_per_s value>1',
      'load[c4].ttft p(95)<2000',
      'load[c4].error_rate rate<0.01',
      'load[c4].output_tokens_per_s value>1',
    ]);
    const table = r.summary.tables[0];
    expect(table.rows.map((row: unknown[]) => row.slice(0, 3))).toEqual([
      ['c1', 40, 100],
      ['c4', 40, 100],
    ]);
    expect(metric(r.summary, 'ttft', 'c4')?.p95).toBeGreaterThan(0);
    expect(metric(r.summary, 'itl', 'c1')?.med).toBeGreaterThan(0);
    const artifact = r.events.find((e) => e.type === 'artifact' && e.name === 'load.c4');
    expect(artifact.data.counts).toMatchObject({ measured: 40, ok: 40 });
    expect(Object.keys(artifact.data.histograms)).toEqual(
      expect.arrayContaining(['ttft', 'itl', 'tpot', 'e2e', 'e2e_close', 'ttfb']),
    );
    expect(artifact.data.timeline.length).toBeGreaterThan(0);
  });

  it('a violated threshold fails its check, names the observed value and limit, and exits 1', async () => {
    const r = await run(
      suite(server.url, `profile: { type: synchronous }\nrequests: 10\nthresholds:\n  ttft: ['p(95)<0.001']`),
    );
    expect(r.code).toBe(1);
    const check = r.summary.checks[0];
    expect(check).toMatchObject({ id: 'load[sync].ttft p(95)<0.001', status: 'fail' });
    expect(check.message).toMatch(/p\(95\) = [\d.]+ \(limit < 0.001, 10 samples\) FAILED/);
  });

  it('abortOnFail stops the level early', async () => {
    const r = await run(
      suite(
        server.url,
        `profile: { type: concurrency, concurrency: 2 }\nduration: 20s\nthresholds:\n  ttft: [{ threshold: 'p(95)<0.001', abortOnFail: true }]`,
      ),
    );
    expect(r.code).toBe(1);
    expect(r.wallMs).toBeLessThan(10_000);
    expect(r.summary.checks[0].message).toContain('abortOnFail: the level was stopped early');
  });

  it('without thresholds a level must keep its error rate at or under 1%', async () => {
    const r = await run(suite(server.url, 'profile: { type: synchronous }\nrequests: 5'));
    expect(r.summary.checks.map((c: { id: string }) => c.id)).toEqual(['load[sync].error_rate rate<=0.01']);
  });

  it('a sweep runs synchronous, throughput, then K rates between them', async () => {
    const r = await run(
      suite(server.url, `profile: { type: sweep, rates: 2, concurrency: 8 }\nduration: 1s\nmaxTokens: 8`),
    );
    const labels = r.summary.tables[0].rows.map((row: unknown[]) => row[0]);
    expect(labels).toHaveLength(4);
    expect(labels.slice(0, 2)).toEqual(['sync', 'max']);
    expect(labels[2]).toMatch(/^r[\d.]+$/);
  });

  it('stress: 429/503 from a full queue are counted and reported, not crashes', async () => {
    const small = await startServer({
      seed: 5,
      capacity: { maxConcurrent: 2, maxQueue: 2 },
      latency: { ttft: { dist: 'fixed', ms: 30 } },
    });
    try {
      const r = await run(
        suite(
          small.url,
          `profile: { type: concurrency, concurrency: 32 }\nrequests: 64\nmaxTokens: 8\nthresholds:\n  requests: ['count==64']`,
        ),
      );
      const row = r.summary.tables[0].rows[0];
      expect(row[1]).toBe(64);
      expect(String(row.at(-1))).toMatch(/http 503×\d+/);
      expect(r.summary.checks[0].status).toBe('pass');
    } finally {
      await small.close();
    }
  });

  it('coordinated omission: a 2 s stall at a constant rate shows in latency_from_intended and late arrivals', async () => {
    const stall = await startStallServer();
    try {
      setTimeout(() => stall.stallFor(2000), 1000);
      const r = await run(
        suite(
          stall.url,
          `profile: { type: rate, rate: 50 }\nduration: 4s\nmaxInFlight: 20\nmaxBacklog: 1000\nmaxTokens: 4`,
        ),
      );
      const lfi = metric(r.summary, 'latency_from_intended');
      const e2e = metric(r.summary, 'e2e');
      const late = r.summary.metrics.find((m: { name: string }) => m.name === 'late')?.values.count;
      // The stall holds up every request due during it: the p99 from the intended send time sees ~2 s.
      expect(lfi?.p99).toBeGreaterThan(1500);
      expect(late).toBeGreaterThan(20);
      // Measured from the actual send only, the stall hides behind the backlog: at p90 the requests that
      // waited to be sent look fast (~ms) while from their intended time they took over a second.
      expect(lfi?.p90).toBeGreaterThan(1000);
      expect(lfi?.p90).toBeGreaterThan(3 * (e2e?.p90 ?? 0));
    } finally {
      await stall.close();
    }
  });

  it('gates on load metrics from the suite, per level with tag filters', async () => {
    const r = await run(
      suite(
        server.url,
        'profile: { type: concurrency, concurrency: [1, 2] }\nrequests: 10\nmaxTokens: 8',
        "gates:\n  'ttft{level:c2}': ['p(99)<0.001']\n",
      ),
    );
    expect(r.code).toBe(1);
    expect(r.summary.gates[0]).toMatchObject({ metric: 'ttft{level:c2}', status: 'fail' });
  });
});

describe('gauntlet load', () => {
  it('runs an ad-hoc load test from flags', async () => {
    const dir = suiteDir('');
    const r = await runCli(
      [
        'load',
        '--target-url',
        `${server.url}/v1`,
        '--model',
        'gauntlet-sim',
        '--requests',
        '8',
        '--concurrency',
        '2',
        '--threshold',
        'e2e:p(95)<5000',
        '--out',
        'runs',
        '--reporter',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'));
    expect(summary.checks.map((c: { id: string }) => c.id)).toEqual(['load[c2].e2e p(95)<5000']);
  });

  it('rejects bad flags with exit 2 and a message that says what to write', async () => {
    const missing = await runCli(['load', '--model', 'm']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('needs --target-url');
    const rate = await runCli([
      'load',
      '--target-url',
      'http://127.0.0.1:9/v1',
      '--model',
      'm',
      '--profile',
      'rate',
    ]);
    expect(rate.stderr).toContain('--profile rate needs --rate');
    const bad = await runCli([
      'load',
      '--target-url',
      'http://127.0.0.1:9/v1',
      '--model',
      'm',
      '--threshold',
      'ttft<5',
    ]);
    expect(bad.stderr).toContain('write METRIC:EXPRESSION');
  });
});
