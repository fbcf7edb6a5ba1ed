/** Runs an api-stage suite through the CLI and reads its JSON report. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../../../../src/run/summary.js';
import { runCli, suiteDir } from '../../../helpers/cli.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/api/registry');
export const EXAMPLES = path.resolve(import.meta.dirname, '../../../../examples/api');

export interface Result {
  id: string;
  stage: string;
  status: string;
  message: string;
  metrics?: Record<string, number>;
  evidence?: { curl?: string; request?: { url: string }; details?: Record<string, unknown> };
}

/** A suite against `url` with one api stage per entry of `stages` (name → checks as YAML flow text). */
export function apiSuite(url: string, stages: Record<string, string>): string {
  const list = Object.entries(stages)
    .map(
      ([name, checks]) => `  - kind: api
    name: ${name}
    timeout: 60s
    continueOnFailure: true
    checks: ${checks}`,
    )
    .join('\n');
  return `target:
  type: http
  baseUrl: ${url}
  retry: { maxRetries: 0 }
  timeouts: { firstByte: 5s, idle: 5s, total: 20s }
stages:
${list}
`;
}

/** Runs `gauntlet run` on the suite text (extra files beside it) and returns exit code, output and results. */
export async function runSuite(yaml: string, extra: Record<string, string> = {}, args: string[] = []) {
  const dir = suiteDir(yaml, extra);
  const out = path.join(dir, 'runs');
  const res = await runCli(['run', '--reporter', 'json', '--out', out, ...args], { cwd: dir });
  const file = path.join(out, 'latest', 'report.json');
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { summary: RunSummary; results: Result[] })
    : undefined;
  const byStage = (stage: string) => report?.results.find((r) => r.stage === stage);
  return { ...res, dir, results: report?.results ?? [], summary: report?.summary, byStage };
}
