/** The load stage through the CLI with `workers: 2`: the same table, checks and verdicts as one thread. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../../src/serve/index.js';
import { runCli, suiteDir } from '../../../helpers/cli.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    seed: 5,
    latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 1 } },
  });
});
afterAll(() => server.close());

const suite = (stage: string) => `target: { type: openai, baseUrl: ${server.url}/v1, model: gauntlet-sim }
stages:
  - kind: load
    workers: 2
${stage
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
report: { reporters: [json] }
`;

async function run(yaml: string) {
  const dir = suiteDir(yaml);
  const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
  if (r.code > 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'));
  return { ...r, summary };
}

describe('load stage with workers: 2', () => {
  it('runs closed levels across workers: table rows, thresholds as checks, exit 0', async () => {
    const r = await run(
      suite(`
profile: { type: concurrency, concurrency: [1, 4] }
requests: 40
maxTokens: 16
thresholds:
  ttft: ['p(95)<2000']
  error_rate: ['rate<0.01']
  requests: ['count==40']
`),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.summary.checks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['load[c1].ttft p(95)<2000', 'pass'],
      ['load[c1].error_rate rate<0.01', 'pass'],
      ['load[c1].requests count==40', 'pass'],
      ['load[c4].ttft p(95)<2000', 'pass'],
      ['load[c4].error_rate rate<0.01', 'pass'],
      ['load[c4].requests count==40', 'pass'],
    ]);
    const rows = r.summary.tables[0].rows as unknown[][];
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['c1', 40, 100],
      ['c4', 40, 100],
    ]);
    // Requests per second and TTFT come out as numbers, as for one thread.
    for (const row of rows) {
      expect(row[3]).toBeGreaterThan(0);
      expect(row[6]).toBeGreaterThan(0);
    }
  });

  it('runs an open level across workers and fails a violated threshold with exit 1', async () => {
    const r = await run(
      suite(`
profile: { type: rate, rate: 40 }
duration: 1s
maxTokens: 4
thresholds:
  requests: ['count==40']
  ttft: ['p(95)<0.001']
`),
    );
    expect(r.code).toBe(1);
    const [requests, ttft] = r.summary.checks;
    expect(requests).toMatchObject({ id: 'load[r40].requests count==40', status: 'pass' });
    expect(ttft).toMatchObject({ id: 'load[r40].ttft p(95)<0.001', status: 'fail' });
    const row = r.summary.tables[0].rows[0];
    expect(row.slice(0, 3)).toEqual(['r40', 40, 100]);
    // Column 3 is req/s over the measure window: the 1 s of arrivals.
    expect(Math.abs(row[3] - 40) / 40).toBeLessThan(0.05);
  });
});
