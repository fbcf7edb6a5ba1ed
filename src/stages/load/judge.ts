/**
 * The stage's own thresholds, judged per level on the level's metrics and reported as checks, so JUnit
 * shows `c10: ttft p(95)<500` passing or failing with the observed value. With no thresholds written, a
 * level must keep its error rate at or under 1%.
 */
import type { Suite } from '../../config/schema.js';
import { evaluateGates } from '../../metrics/thresholds.js';
import type { GateResult } from '../../metrics/types.js';
import type { StageContext } from '../types.js';
import type { LevelRecorder } from './recorder.js';

type Thresholds = Suite['gates'];
export const DEFAULT_THRESHOLDS: Thresholds = { error_rate: ['rate<=0.01'] };

/** The thresholds in force: the stage's, or the default error-rate one. */
export function thresholdsOf(ctx: StageContext<'load'>): Thresholds {
  const t = ctx.stage.thresholds as Thresholds;
  return Object.keys(t).length > 0 ? t : DEFAULT_THRESHOLDS;
}

/** abortOnFail thresholds that fail now, once their grace delay has passed. */
export function abortingThresholds(
  ctx: StageContext<'load'>,
  recorder: LevelRecorder,
  elapsedMs: number,
): GateResult[] {
  const t = thresholdsOf(ctx);
  const due: Thresholds = {};
  for (const [metric, entries] of Object.entries(t)) {
    const ready = entries.filter(
      (e) =>
        typeof e !== 'string' &&
        e.abortOnFail &&
        elapsedMs >= (e as { delayAbortEval?: number }).delayAbortEval!,
    );
    if (ready.length) due[metric] = ready;
  }
  if (Object.keys(due).length === 0) return [];
  return evaluateGates(due, recorder.local, { filtered: true, abortOnly: true }).filter(
    (g) => g.status === 'fail',
  );
}

/** Judges every threshold on the level's metrics and reports each as a check. */
export async function judgeLevel(
  ctx: StageContext<'load'>,
  label: string,
  recorder: LevelRecorder,
  abortedBy?: GateResult[],
): Promise<void> {
  const results = evaluateGates(thresholdsOf(ctx), recorder.local, { filtered: false });
  for (const g of results) {
    const aborted = abortedBy?.some((a) => a.metric === g.metric && a.threshold === g.threshold);
    await ctx.check(
      { id: `load[${label}].${g.metric} ${g.threshold}`, name: `${label}: ${g.metric} ${g.threshold}` },
      async () => ({
        status: g.status === 'pass' ? 'pass' : 'fail',
        message: `${g.message}${aborted ? ' (abortOnFail: the level was stopped early)' : ''}`,
        ...(g.observed === undefined ? {} : { metrics: { observed: g.observed } }),
      }),
    );
  }
}
