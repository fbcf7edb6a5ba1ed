/**
 * The chaos stage against the reference server through the fault proxy, over real loopback sockets: the
 * issue's experiment (503s at 20% for 10 s during 30 s of traffic) fails on its tolerance and shows the
 * violation windows and the recovery time; a tolerant hypothesis passes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/serve/index.js';
import { runCli, suiteDir } from '../../helpers/cli.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    seed: 2,
    latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 1 } },
  });
});
afterAll(() => server.close());

interface Summary {
  verdict: string;
  checks: { id: string; status: string; message: string }[];
  tables: { title: string; rows: (string | number | null)[][]; notes?: string[] }[];
  metrics: { name: string; values: { value?: number } }[];
}

async function run(stage: string): Promise<{
  code: number;
  summary: Summary;
  timeline: { windows: { phase: string; holds: boolean; errors: number; requests: number }[] };
}> {
  const dir = suiteDir(`target: { type: openai, baseUrl: ${server.url}/v1, model: gauntlet-sim }
stages:
  - kind: chaos
    timeout: 2m
${stage}`);
  const r = await runCli(['run', 'gauntlet.yaml', '--out', 'runs', '--reporter', 'json'], { cwd: dir });
  const summary = JSON.parse(
    readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'),
  ) as Summary;
  const timeline = readFileSync(path.join(dir, 'runs', 'latest', 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .find((e) => e.type === 'artifact' && e.name === 'chaos.timeline')?.data;
  return { code: r.code, summary, timeline };
}

const check = (s: Summary, id: string) => s.checks.find((c) => c.id === id);

describe('chaos stage', () => {
  it('503s at 20% for 10 s in 30 s of traffic: violation windows, recovery time, failing verdict', async () => {
    const { code, summary, timeline } = await run(`    rate: 20
    maxTokens: 8
    baseline: 5s
    duration: 25s
    window: 2s
    steadyState: { error_rate: ["rate<0.05"], e2e: ["p(95)<2000"] }
    faults:
      - { type: http_error, status: 503, toxicity: 0.2, at: 5s, duration: 10s }
    recoveryWithin: 5s
`);
    expect(code).toBe(1);
    expect(check(summary, 'chaos.baseline')?.status).toBe('pass');
    const during = check(summary, 'chaos.during');
    expect(during?.status).toBe('fail');
    expect(during?.message).toMatch(
      /^steady state violated in 5 of \d+ experiment windows: 10\.0–12\.0 s \[http_error#1\]: error_rate rate<0\.05: rate = 0\.\d+/,
    );
    expect(during?.message).toContain('http 503 ×');
    const recovery = check(summary, 'chaos.recovery');
    expect(recovery?.status).toBe('pass');
    expect(recovery?.message).toMatch(/^recovered 0\.0 s after the last fault was removed \(limit 5\.0 s/);
    const fault = timeline.windows.filter((w) => w.phase === 'fault');
    expect(fault).toHaveLength(5);
    const errors = fault.reduce((n, w) => n + w.errors, 0);
    const requests = fault.reduce((n, w) => n + w.requests, 0);
    // toxicity 0.2 over ~200 requests: the share of 503s lands near a fifth.
    expect(errors / requests).toBeGreaterThan(0.1);
    expect(errors / requests).toBeLessThan(0.3);
    expect(timeline.windows.filter((w) => w.phase !== 'fault').every((w) => w.errors === 0)).toBe(true);
    const table = summary.tables.find((t) => t.title.startsWith('chaos chaos'));
    expect(table?.notes?.[0]).toMatch(/^fault http_error#1 \(http_error\) active 10\.0–20\.0 s$/);
  }, 90_000);

  it('passes a hypothesis that tolerates a latency fault', async () => {
    const { code, summary } = await run(`    rate: 10
    maxTokens: 8
    baseline: 1s
    duration: 3s
    window: 1s
    steadyState: { error_rate: ["rate<0.01"], e2e: ["p(95)<1500"] }
    faults:
      - { type: latency, latency: 200ms, at: 1s, duration: 1s }
    recoveryWithin: 2s
`);
    expect(summary.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'chaos.baseline:pass',
      'chaos.during:pass',
      'chaos.recovery:pass',
    ]);
    expect(code).toBe(0);
  }, 60_000);
});
