/** Writes synthetic stored runs (summary.json + results.jsonl) shaped like real ones, for comparison tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Histogram } from '../../../src/metrics/histogram.js';
import { mulberry32 } from '../../../src/metrics/random.js';
import type { RunEvent } from '../../../src/run/events.js';
import type { RunSummary } from '../../../src/run/summary.js';

export interface TargetSpec {
  name: string;
  /** Fixed part of TTFT in ms; jitter (exponential, mean 2 ms) is added per request. */
  ttftMs: number;
  requests?: number;
  /** Probability each request succeeds. */
  okRate?: number;
  /** Probability each eval case passes (the same hardness per case id in every run). */
  passRate?: number;
  /** Eval cases (default 1000). */
  cases?: number;
}

export function runsDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gauntlet-compare-'));
}

/** Writes one run with a load level and eval cases per target; returns its directory. */
export function writeRun(
  root: string,
  id: string,
  seed: number,
  targets: TargetSpec[],
  verdict: RunSummary['verdict'] = 'pass',
): string {
  const rand = mulberry32(seed);
  const exp = (mean: number) => -mean * Math.log(1 - rand());
  const events: RunEvent[] = [];
  for (const t of targets) {
    const n = t.requests ?? 400;
    const hist = { ttft: new Histogram(), e2e: new Histogram() };
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const ttft = t.ttftMs + exp(2);
      hist.ttft.record(ttft);
      hist.e2e.record(ttft + 100 + exp(5));
      if (rand() < (t.okRate ?? 1)) ok++;
    }
    events.push({
      type: 'artifact',
      stage: 'load',
      target: t.name,
      name: 'load.c4',
      data: {
        counts: { measured: n, ok },
        histograms: { ttft: hist.ttft.encode(), e2e: hist.e2e.encode() },
      },
    });
    const hardness = mulberry32(99);
    for (let i = 0; i < (t.cases ?? 1000); i++) {
      const easy = hardness() < (t.passRate ?? 0.9);
      // Most cases pass or fail every time; a few are flaky, like real model answers.
      const pass = rand() < 0.01 ? !easy : easy;
      events.push({
        type: 'case',
        stage: 'eval',
        target: t.name,
        result: {
          id: `cases#${i}`,
          suite: 'cases',
          tags: [],
          repeat: 0,
          vars: {},
          prompt: '',
          output: '',
          pass,
          score: pass ? 1 : 0,
          latencyMs: 1,
          cached: false,
          assertions: [],
        },
      });
    }
  }
  const summary = {
    schemaVersion: 1,
    runId: id,
    suite: { file: 'gauntlet.yaml', hash: 'x' },
    startedAt: `2026-01-01T00:00:${String(seed % 60).padStart(2, '0')}Z`,
    endedAt: '2026-01-01T00:01:00Z',
    durationMs: 1,
    complete: true,
    verdict,
    exitCode: verdict === 'pass' ? 0 : 1,
    headline: '',
    counts: { total: 1, pass: 1, fail: 0, error: 0, skip: 0 },
    filters: {},
    targets: targets.map((t) => ({ name: t.name, url: 'http://x' })),
    stages: [],
    checks: targets.map((t) => ({
      id: 'load.c4.ttft',
      name: 'ttft p95',
      stage: 'load',
      target: t.name,
      status: t.ttftMs > 40 ? 'fail' : 'pass',
      message: '',
    })),
    gates: [],
    metrics: [],
    tables: [],
    environment: {} as RunSummary['environment'],
  } satisfies RunSummary;
  const dir = path.join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary));
  writeFileSync(path.join(dir, 'results.jsonl'), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  return dir;
}
