/** Runs the api stage's conformance checks through the CLI and reads back the JSON report. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../../../../src/run/summary.js';
import { runCli, suiteDir } from '../../../helpers/cli.js';

export interface ApiResult {
  id: string;
  status: string;
  message: string;
  evidence?: { curl?: string; request?: { body?: unknown }; details?: Record<string, unknown> };
}

export interface ApiRun {
  code: number;
  stderr: string;
  summary: RunSummary;
  results: ApiResult[];
  /** The result of `api.<name>`. */
  check(name: string): ApiResult;
}

/** A fast fuzz for tests: few bodies, a fixed seed. */
export const SMALL_FUZZ = '{ seed: 7, runs: 25, budget: 60s }';

/** The suite text: `target` YAML (indented under `target:`), then one api stage with `stage` lines. */
export function apiSuite(target: string, stage: string): string {
  const indent = (text: string, by: string) =>
    text
      .trim()
      .split('\n')
      .map((l) => by + l)
      .join('\n');
  return `target:
${indent(target, '  ')}
stages:
  - kind: api
    timeout: 120s
${indent(stage, '    ')}
report: { reporters: [json] }
`;
}

/** An OpenAI target at `url` (the server's root), no retries, short timeouts. */
export function openaiTarget(url: string, extra = ''): string {
  return `type: openai
baseUrl: ${url}/v1
model: gauntlet-sim
retry: { maxRetries: 0 }
timeouts: { firstByte: 5s, idle: 5s, total: 20s }
${extra}`;
}

/** Runs `gauntlet run` on the suite and returns the report. */
export async function runApi(yaml: string, env: NodeJS.ProcessEnv = {}): Promise<ApiRun> {
  const dir = suiteDir(yaml);
  const res = await runCli(['run', '--reporter', 'json', '--out', path.join(dir, 'runs')], { cwd: dir, env });
  let report: { summary: RunSummary; results: ApiResult[] };
  try {
    report = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'report.json'), 'utf8'));
  } catch {
    throw new Error(`no report (exit ${res.code}): ${res.stderr}\n${res.stdout}`);
  }
  return {
    code: res.code,
    stderr: res.stderr,
    ...report,
    check(name) {
      const found = report.results.find((r) => r.id === `api.${name}`);
      if (!found) throw new Error(`no result api.${name}; got ${report.results.map((r) => r.id).join(', ')}`);
      return found;
    },
  };
}

/** `[id, status]` of every result, for one readable assertion. */
export function statuses(run: ApiRun): [string, string][] {
  return run.results.map((r) => [r.id, r.status]);
}
