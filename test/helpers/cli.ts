/** Runs the CLI in-process with captured output, and writes suites into temp directories. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Buffer extends Writable {
  text = '';
  override _write(chunk: unknown, _enc: string, cb: () => void) {
    this.text += String(chunk);
    cb();
  }
}

/** Runs `gauntlet ARGS` in `cwd` and returns its exit code and output. */
export async function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): Promise<CliRun> {
  const stdout = new Buffer();
  const stderr = new Buffer();
  const code = await main(args, {
    stdout,
    stderr,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    signal: opts.signal ?? new AbortController().signal,
    color: false,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temp directory holding `gauntlet.yaml` with this text. */
export function suiteDir(yaml: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-test-'));
  writeFileSync(path.join(dir, 'gauntlet.yaml'), yaml);
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A minimal suite against `url`, with the given smoke checks (YAML flow text) and extra top-level YAML. */
export function smokeSuite(url: string, checks = '[models, basic]', extra = ''): string {
  return `target:
  type: openai
  baseUrl: ${url}/v1
  model: gauntlet-sim
  retry: { maxRetries: 0 }
  timeouts: { firstByte: 5s, idle: 5s, total: 20s }
stages:
  - kind: smoke
    timeout: 60s
    checks: ${checks}
report:
  reporters: [json, junit, markdown]
${extra}`;
}
