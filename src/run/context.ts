/** Builds the StageContext a stage runs with: check timing, error capture, metrics and filters. */
import { GauntletError } from '../errors.js';
import type { CheckMeta, CheckOutcome, RuntimeTarget, StageContext } from '../stages/types.js';
import type { EventBus } from './bus.js';
import { type CheckResult, type Evidence, LOCAL_TARGET, type StageKind } from './events.js';
import { isSelected, type RunFilters } from './filters.js';

export interface StageTally {
  results: CheckResult[];
}

/**
 * A context bound to one stage and one target; `tally` collects what the stage reported. `emitResult` lets
 * the engine add results of its own (a stage that timed out or crashed) through the same path.
 */
export function createStageContext<K extends StageKind>(args: {
  stage: StageContext<K>['stage'];
  /** Undefined for a local stage (one that needs no target). */
  target: RuntimeTarget | undefined;
  bus: EventBus;
  filters: RunFilters;
  signal: AbortSignal;
  tally: StageTally;
  suiteDir: string;
}): { ctx: StageContext<K>; emitResult: (result: CheckResult) => void; close: () => void } {
  const { stage, target, bus, filters, signal, tally, suiteDir } = args;
  const stageLabels = { priority: stage.priority, tags: stage.tags };
  const targetName = target?.name ?? LOCAL_TARGET;
  const baseTags = { stage: stage.name, target: targetName };

  // After the stage has ended (timed out, aborted), work it left running must not add results.
  let closed = false;
  const emitResult = (result: CheckResult) => {
    if (closed) return;
    tally.results.push(result);
    bus.emit({ type: 'check', result });
    if (result.status !== 'skip') {
      bus.emit({
        type: 'metric',
        sample: {
          name: 'checks',
          kind: 'rate',
          value: result.status === 'pass' ? 1 : 0,
          tags: { ...baseTags, check: result.id, priority: result.priority ?? 'P2' },
        },
      });
    }
  };

  const ctx: StageContext<K> = {
    stage,
    // The conditional type cannot be narrowed from a generic K; the orchestrator passes a target exactly
    // when the kind needs one.
    target: target as StageContext<K>['target'],
    suiteDir,
    signal,
    selected: (labels) => isSelected(filters, labels, stageLabels),
    async check(meta: CheckMeta, run: () => Promise<CheckOutcome>) {
      if (!isSelected(filters, meta, stageLabels)) return undefined;
      const started = performance.now();
      let outcome: CheckOutcome | { status: 'error' | 'fail'; message: string; evidence?: Evidence };
      try {
        outcome = await run();
      } catch (err) {
        outcome = errorOutcome(err);
      }
      const result: CheckResult = {
        id: meta.id,
        name: meta.name,
        stage: stage.name,
        stageKind: stage.kind,
        target: targetName,
        status: outcome.status,
        message: outcome.message,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        priority: meta.priority ?? stage.priority,
        tags: [...new Set([...stage.tags, ...(meta.tags ?? [])])],
        ...('metrics' in outcome && outcome.metrics ? { metrics: outcome.metrics } : {}),
        ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
      };
      emitResult(result);
      return result;
    },
    metric(name, kind, value, tags = {}) {
      const values = typeof value === 'number' ? [value] : value;
      if (values.length === 0) return;
      const sample = { name, kind, value: values[0] as number, tags: { ...baseTags, ...tags } };
      bus.emit({
        type: 'metric',
        sample: values.length > 1 ? { ...sample, batch: values.slice(1) } : sample,
      });
    },
    log(level, message) {
      bus.emit({ type: 'log', level, message, stage: stage.name, target: targetName });
    },
    progress(elapsedMs, values, label) {
      bus.emit({
        type: 'progress',
        stage: stage.name,
        target: targetName,
        elapsedMs,
        values,
        ...(label ? { label } : {}),
      });
    },
    table(title, columns, rows, notes) {
      bus.emit({
        type: 'table',
        table: {
          stage: stage.name,
          target: targetName,
          title,
          columns,
          rows,
          ...(notes?.length ? { notes } : {}),
        },
      });
    },
    artifact(name, data) {
      bus.emit({ type: 'artifact', stage: stage.name, target: targetName, name, data });
    },
    emitCase(result) {
      bus.emit({ type: 'case', stage: stage.name, target: targetName, result });
    },
  };
  return {
    ctx,
    emitResult,
    close: () => {
      closed = true;
    },
  };
}

/** Target errors that mean the target answered wrongly (a failed check), not that it could not be asked. */
const TARGET_MISBEHAVED = new Set([
  'E_TARGET_HTTP',
  'E_TARGET_MALFORMED',
  'E_TARGET_TIMEOUT',
  'E_TARGET_STREAM',
]);

/**
 * A thrown error becomes a result that keeps the error's own evidence: `fail` when the target answered
 * badly (a 5xx, a malformed body, a hang), `error` when the check could not be carried out at all.
 */
function errorOutcome(err: unknown): { status: 'error' | 'fail'; message: string; evidence?: Evidence } {
  if (signalAborted(err))
    return { status: 'error', message: 'aborted: the stage timed out or the run was interrupted' };
  const e = err as Error & { evidence?: Evidence };
  const code = err instanceof GauntletError ? `${err.code}: ` : '';
  return {
    status: err instanceof GauntletError && TARGET_MISBEHAVED.has(err.code) ? 'fail' : 'error',
    message: `${code}${e?.message ?? String(err)}`,
    ...(e?.evidence ? { evidence: e.evidence } : {}),
  };
}

function signalAborted(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}
