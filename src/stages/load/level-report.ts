/**
 * What a level leaves behind: throughput gauges and counters for gates, an artifact with its histograms
 * (HDR, base64, mergeable) and per-second time series, and one row of the stage's table.
 */
import type { StageContext } from '../types.js';
import type { ErrorClass } from './types.js';

const ERROR_CLASSES: readonly ErrorClass[] = [
  'connect',
  'timeout',
  'http',
  'stream_error',
  'truncated',
  'malformed',
  'aborted',
];

import type { LevelRun } from './run-level.js';

export const TABLE_COLUMNS = [
  'level',
  'requests',
  'ok %',
  'req/s',
  'out tok/s',
  'goodput/s',
  'TTFT p50 ms',
  'TTFT p99 ms',
  'ITL p50 ms',
  'TPOT p50 ms',
  'e2e p50 ms',
  'e2e p99 ms',
  'late',
  'dropped',
  'errors',
] as const;

const ms = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** Emits the level's gauges, counters and artifact; returns its table row and its request rate. */
export function reportLevel(
  ctx: StageContext<'load'>,
  run: LevelRun,
): { row: (string | number | null)[]; notes: string[]; requestsPerS: number } {
  const { aggregator: a, schedule: s, recorder: r, windowS } = run;
  const errors = a.measured - a.ok;
  const requestsPerS = a.measured / windowS;
  r.record('requests_per_s', 'gauge', requestsPerS);
  r.record('output_tokens_per_s', 'gauge', a.outputTokens / windowS);
  r.record('total_tokens_per_s', 'gauge', (a.outputTokens + a.promptTokens) / windowS);
  r.record('goodput', 'gauge', a.good / windowS);
  r.record('requests', 'counter', a.measured);
  r.record('errors', 'counter', errors);
  r.record('dropped', 'counter', s.dropped);
  r.record('late', 'counter', a.late);
  r.record('output_tokens', 'counter', a.outputTokens);
  // Every class is recorded, zeros included, so `errors.timeout: ['count==0']` has data to judge.
  for (const cls of ERROR_CLASSES) r.record(`errors.${cls}`, 'counter', a.errorsByClass[cls] ?? 0);

  ctx.artifact(`load.${run.level.label}`, {
    level: run.level,
    schedule: s,
    windowS,
    counts: {
      measured: a.measured,
      ok: a.ok,
      good: a.good,
      outsideWindow: a.outsideWindow,
      late: a.late,
      dropped: s.dropped,
      outputTokens: a.outputTokens,
      promptTokens: a.promptTokens,
      errorsByClass: a.errorsByClass,
      errorsByStatus: a.errorsByStatus,
      usageMissing: a.usageMissing,
      tokenMismatches: a.tokenMismatches,
      tokenMismatchMaxAbs: a.tokenMismatchMaxAbs,
    },
    stats: Object.fromEntries(Object.entries(a.histograms).map(([k, h]) => [k, h.stats()])),
    histograms: Object.fromEntries(
      Object.entries(a.histograms)
        .filter(([, h]) => h.count > 0)
        .map(([k, h]) => [k, h.encode()]),
    ),
    timeline: a.timeline(),
  });

  const h = a.histograms;
  const errorText = errors === 0 ? '0' : describeErrors(a.errorsByClass, a.errorsByStatus);
  const label = run.level.label;
  const notes: string[] = [];
  if (a.usageMissing > 0) {
    notes.push(
      `${label}: ${a.usageMissing} of ${a.ok} answers had no usage; their output tokens were counted from content chunks`,
    );
  }
  if (a.tokenMismatches > 0) {
    notes.push(
      `${label}: usage.completion_tokens differed from the content-chunk count in ${a.tokenMismatches} answers (by up to ${a.tokenMismatchMaxAbs}): the server sends several tokens per chunk, so ITL is per chunk`,
    );
  }
  if (a.firstError && errors > 0) notes.push(`${label}: first error: ${a.firstError.split('\n')[0]}`);
  return {
    requestsPerS,
    notes,
    row: [
      run.level.label,
      a.measured,
      a.measured ? round((a.ok / a.measured) * 100) : null,
      round(requestsPerS, 2),
      round(a.outputTokens / windowS),
      round(a.good / windowS, 2),
      ms(h.ttft.percentile(50)),
      ms(h.ttft.percentile(99)),
      ms(h.itl.percentile(50)),
      ms(h.tpot.percentile(50)),
      ms(h.e2e.percentile(50)),
      ms(h.e2e.percentile(99)),
      a.late,
      s.dropped,
      errorText,
    ],
  };
}

/** "12 (http 503×10, timeout×2)": what failed, by kind. */
function describeErrors(
  byClass: Record<string, number | undefined>,
  byStatus: Record<string, number>,
): string {
  const total = Object.values(byClass).reduce<number>((n, v) => n + (v ?? 0), 0);
  const parts = Object.entries(byClass)
    .filter(([cls]) => cls !== 'http')
    .map(([cls, n]) => `${cls}×${n}`);
  for (const [status, n] of Object.entries(byStatus)) parts.unshift(`http ${status}×${n}`);
  return `${total} (${parts.join(', ')})`;
}
