/**
 * A realistic finished run for reporter tests: two targets, a failing and a passing stage, every check
 * status, gates that pass, fail and skip, and model output written to break every format we produce.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CheckResult } from '../../src/run/events.js';
import type { RunSummary } from '../../src/run/summary.js';

/** Markup from every format, a CDATA terminator, NUL, ANSI colour, pipes, a code fence and an emoji. */
export const HOSTILE =
  'say <script>alert(1)</script> ]]> \u0000\u001b[31mred\u001b[0m | a | b ``` fence 🚀 & done';

/** What HOSTILE must become once characters no report can carry are dropped (NUL, the ESC sequences). */
export const HOSTILE_CLEAN = 'say <script>alert(1)</script> ]]> red | a | b ``` fence 🚀 & done';

export const CURL =
  'curl -sS -X POST \'http://127.0.0.1:8000/v1/chat/completions\' -H "Authorization: Bearer $GAUNTLET_API_KEY" ' +
  '-H \'Content-Type: application/json\' -d \'{"model":"tiny","stream":true}\'';

const LONG_EXCERPT = `${HOSTILE}\n${'lorem ipsum '.repeat(60)}`;

function check(
  partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'name' | 'status' | 'target'>,
): CheckResult {
  return { stage: 'smoke', stageKind: 'smoke', message: 'ok', durationMs: 12, ...partial };
}

/** The check results of the run, in arrival order. */
export function makeResults(): CheckResult[] {
  return [
    check({
      id: 'smoke.health',
      name: 'health endpoint answers',
      status: 'pass',
      target: 'default',
      durationMs: 8,
    }),
    check({
      id: 'smoke.streaming',
      name: 'streaming | <b>ends</b> with [DONE]',
      status: 'fail',
      target: 'default',
      priority: 'P0',
      durationMs: 1534,
      message: `stream ended without [DONE]; last chunk: ${HOSTILE}`,
      evidence: {
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:8000/v1/chat/completions',
          headers: { authorization: 'Bearer [redacted]' },
          body: { model: 'tiny', stream: true },
        },
        response: { status: 200, excerpt: LONG_EXCERPT },
        details: { expected: 'data: [DONE]', got: HOSTILE, chunks: 3 },
        curl: CURL,
      },
    }),
    check({
      id: 'smoke.tools',
      // A name can come from model output too (generated test cases): this one clears the screen.
      name: 'tool calls\u001b[2J\u001b[H',
      status: 'skip',
      target: 'default',
      durationMs: 0,
      message: 'skipped: the target does not declare tool support',
    }),
    check({
      id: 'smoke.json_mode',
      name: 'json mode',
      status: 'error',
      target: 'default',
      durationMs: 30_000,
      // A lone surrogate and U+FFFF: legal in a JS string, illegal in XML.
      message: 'request timed out after 30s \ud800\uffff',
      evidence: { request: { method: 'POST', url: 'http://127.0.0.1:8000/v1/chat/completions' }, curl: CURL },
    }),
    check({
      id: 'smoke.health',
      name: 'health endpoint answers',
      status: 'pass',
      target: 'canary',
      durationMs: 5,
    }),
    check({
      id: 'smoke.streaming',
      name: 'streaming ends with [DONE]',
      status: 'pass',
      target: 'canary',
      durationMs: 420,
    }),
  ];
}

/** The summary of the run `makeResults` belongs to. */
export function makeSummary(): RunSummary {
  return {
    schemaVersion: 1,
    runId: '20250301-120000-abcd',
    suite: { file: 'gauntlet.yaml', name: 'chat api | smoke', hash: 'f00dfeedcafe0123456789' },
    startedAt: '2025-03-01T12:00:00.123Z',
    endedAt: '2025-03-01T12:00:33.000Z',
    durationMs: 32_877,
    complete: true,
    verdict: 'fail',
    exitCode: 1,
    headline: '1 of 6 checks failed, 1 errored; 1 of 3 gates failed',
    counts: { total: 6, pass: 3, fail: 1, error: 1, skip: 1 },
    filters: {},
    targets: [
      { name: 'default', url: 'http://127.0.0.1:8000/v1', model: 'tiny' },
      {
        name: 'canary',
        url: 'http://127.0.0.1:8001/v1?a=1|b',
        model: `tiny-${HOSTILE}`,
        serverVersion: '0.1.0',
      },
    ],
    stages: [
      {
        name: 'smoke',
        kind: 'smoke',
        target: 'default',
        status: 'fail',
        durationMs: 31_572,
        counts: { total: 4, pass: 1, fail: 1, error: 1, skip: 1 },
      },
      {
        name: 'smoke',
        kind: 'smoke',
        target: 'canary',
        status: 'pass',
        durationMs: 425,
        counts: { total: 2, pass: 2, fail: 0, error: 0, skip: 0 },
      },
    ],
    checks: makeResults().map(({ id, name, stage, target, status, message, priority }) => ({
      id,
      name,
      stage,
      target,
      status,
      message,
      ...(priority ? { priority } : {}),
    })),
    gates: [
      {
        metric: 'checks{stage:smoke}',
        threshold: 'rate>0.99',
        target: 'default',
        observed: 0.3333333,
        status: 'fail',
        abortOnFail: false,
        message: 'checks rate 0.333 is not > 0.99',
      },
      {
        metric: 'checks{stage:smoke}',
        threshold: 'rate>0.99',
        target: 'canary',
        observed: 1,
        status: 'pass',
        abortOnFail: false,
        message: 'checks rate 1 > 0.99',
      },
      {
        metric: 'ttft',
        threshold: 'p(95)<500',
        status: 'skip',
        abortOnFail: false,
        message: 'no samples: no stage measured ttft',
      },
    ],
    metrics: [],
    tables: [],
    environment: {
      gauntletVersion: '0.1.0',
      node: 'v20.20.2',
      os: 'linux',
      arch: 'x64',
      cpus: 8,
      cpuModel: 'Test CPU',
      memoryMb: 16_000,
      gitCommit: 'abc1234',
      gitDirty: true,
    },
  };
}

/** A Writable that keeps everything written to it, for reading console output back. */
export function memoryStream(): Writable & { text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

/** A fresh directory under the OS temp dir, and a function that removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-report-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
