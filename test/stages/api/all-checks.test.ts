/**
 * The bar for the api stage: against the reference server in its correct mode every check passes,
 * and for each deliberately broken behaviour the intended check, and only it, fails, with the whole stage
 * running (not only the check under test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BrokenMode, startServer } from '../../../src/serve/index.js';
import { runCli, suiteDir } from '../../helpers/cli.js';
import { ORIGIN, secureOptions, VALID_KEY } from './security/helpers.js';

const KEY = 'sk-gauntlet-target-7f3a9c2e41';

const ALL = `
      models: {}
      errors: {}
      sse: {}
      health: {}
      bad_input: {}
      fuzz: { runs: 15, seed: 7 }
      auth: { validKey: ${VALID_KEY} }
      cors: { origin: "${ORIGIN}" }
      rate_limit: { burst: 80, concurrency: 8 }
      injection: {}`;

async function failing(broken: BrokenMode[]): Promise<string[]> {
  const server = await startServer(secureOptions(broken));
  try {
    const dir = suiteDir(`target:
  type: openai
  baseUrl: ${server.url}/v1
  model: gauntlet-sim
  apiKey: ${KEY}
  retry: { maxRetries: 0 }
  timeouts: { firstByte: 5s, idle: 5s, total: 20s }
stages:
  - kind: api
    timeout: 90s
    checks:${ALL}
`);
    await runCli(['run', 'gauntlet.yaml', '--out', 'runs', '--reporter', 'json'], { cwd: dir });
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8')) as {
      checks: { id: string; status: string; message: string }[];
    };
    expect(summary.checks).toHaveLength(10);
    return summary.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`);
  } finally {
    await server.close();
  }
}

const intended: [BrokenMode, string][] = [
  ['models-shape', 'api.models'],
  ['error-200', 'api.errors'],
  ['error-shape', 'api.errors'],
  ['chunk-ids', 'api.sse'],
  ['no-done', 'api.sse'],
  ['double-usage', 'api.sse'],
  ['health-down', 'api.health'],
  ['bad-input-500', 'api.bad_input'],
  ['model-type-500', 'api.fuzz'],
  ['auth-bypass', 'api.auth'],
  ['cors-wildcard-credentials', 'api.cors'],
  ['no-retry-after', 'api.rate_limit'],
  ['reflect-xss', 'api.injection'],
  ['stack-trace', 'api.injection'],
];

describe('api stage: every check against the reference server', () => {
  it('passes them all in the correct mode', async () => {
    expect(await failing([])).toEqual([]);
  }, 120_000);

  it.each(intended)(
    '%s fails %s and nothing else',
    async (mode, check) => {
      expect(await failing([mode])).toEqual([`${check}:fail`]);
    },
    120_000,
  );
});
