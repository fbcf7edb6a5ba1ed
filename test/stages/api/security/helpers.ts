/** Shared pieces of the security-check tests: a reference server set up for them, and a CLI run of the api stage. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { type BrokenMode, type ServeOptions, startServer } from '../../../../src/serve/index.js';
import { runCli, suiteDir } from '../../../helpers/cli.js';

export const KEY = 'sk-gauntlet-target-7f3a9c2e41';
export const VALID_KEY = 'sk-gauntlet-valid-b81d55e0aa';
export const ORIGIN = 'https://app.example.com';

/** Options of a server that should pass all four checks, plus `broken` modes. */
export function secureOptions(broken: BrokenMode[] = [], extra: ServeOptions = {}): ServeOptions {
  return {
    seed: 3,
    apiKeys: [KEY, VALID_KEY],
    rateLimit: { requestsPerSecond: 40, burst: 20 },
    cors: { origins: [ORIGIN] },
    latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 0 } },
    broken,
    ...extra,
  };
}

/** Starts a server closed after the file's tests. */
export async function serve(opts: ServeOptions): Promise<{ url: string }> {
  const server = await startServer(opts);
  afterAll(() => server.close());
  return server;
}

/** A suite running the api stage's `checks` (YAML flow text, indented under `checks:`) against `url`. */
export function apiSuite(url: string, checks: string, target = `apiKey: ${KEY}`): string {
  return `target:
  type: openai
  baseUrl: ${url}/v1
  model: gauntlet-sim
  ${target}
  retry: { maxRetries: 0 }
  timeouts: { firstByte: 5s, idle: 5s, total: 20s }
stages:
  - kind: api
    timeout: 60s
    checks:
${checks
  .trim()
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
report: { reporters: [json, junit, markdown] }
`;
}

export interface CheckSummary {
  id: string;
  status: string;
  message: string;
  evidence?: { curl?: string; details?: Record<string, unknown> };
  metrics?: Record<string, number>;
}

/** Runs the suite through the CLI; returns the exit code, the checks by name and every stored file's text. */
export async function runSuite(yaml: string) {
  const dir = suiteDir(yaml);
  const r = await runCli(['run', '--out', 'runs'], { cwd: dir });
  const runs = path.join(dir, 'runs');
  // Check results with their evidence, as streamed to results.jsonl.
  const checks: Record<string, CheckSummary> = {};
  for (const line of readFileSync(path.join(runs, 'latest', 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')) {
    const event = JSON.parse(line);
    if (event.type === 'check') checks[event.result.id.replace(/^api\./, '')] = event.result;
  }
  return { ...r, dir, checks, stored: () => readAll(runs) };
}

/** Every file under `dir`, as text (the run store, reports, junit...). */
function readAll(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...readAll(file));
    else out.push({ file, text: readFileSync(file, 'utf8') });
  }
  return out;
}

export const ALL_FOUR = `auth: { validKey: ${VALID_KEY} }\ncors: {}\nrate_limit: { maxWait: 5s }\ninjection: {}`;
