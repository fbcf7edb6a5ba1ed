/**
 * Runs a suite: stage after stage against each target, each stage with its own timeout; a failed stage
 * stops that target's later stages unless it says continueOnFailure. Whatever happens (gate abort,
 * Ctrl-C, a crash, an unreachable target) the run ends with a summary and the reporters' files.
 */

import { setMaxListeners } from 'node:events';
import { formatDuration } from '../config/duration.js';
import type { LoadedSuite } from '../config/load.js';
import type { StageConfig } from '../config/schema.js';
import { GauntletError } from '../errors.js';
import { MetricRegistry } from '../metrics/registry.js';
import { evaluateGates } from '../metrics/thresholds.js';
import { stages as stageRegistry } from '../stages/index.js';
import type { Stage, StageContext } from '../stages/types.js';
import { EventBus } from './bus.js';
import { createStageContext, type StageTally } from './context.js';
import { collectEnvironment } from './environment.js';
import {
  type CheckResult,
  isLocalStage,
  LOCAL_TARGET,
  type ReportTable,
  type RunEvent,
  type StageKind,
  type StageStatus,
} from './events.js';
import { isFiltered, type RunFilters, stagePicked } from './filters.js';
import { indexFinishedRun } from './history/index.js';
import { emitLaunchGauges, targetSummaries } from './launch-report.js';
import { makeRedactor } from './redact.js';
import { RunStore } from './store.js';
import type { GateResult, RunSummary, StageSummary } from './summary.js';
import { type PreparedTarget, prepareTarget, suiteTargets } from './targets.js';
import { countResults, decideVerdict } from './verdict.js';

/** Something that listens to a run: reporters are adapted to this by the CLI. */
export interface RunSubscriber {
  onEvent(event: RunEvent): void;
  /** Called once at the end with the final summary; returns the files it wrote. */
  finish?(summary: RunSummary, results: readonly CheckResult[]): Promise<string[] | undefined>;
}

export interface RunOptions {
  filters?: RunFilters;
  /** Root of the run store (default: the suite's `report.dir`, relative to the current directory). */
  outDir?: string;
  /** Replaces every target's baseUrl and disables launching (--target-url). */
  targetUrl?: string;
  /** Replaces every target's model (--model), e.g. to point a suite at another deployment. */
  model?: string;
  signal?: AbortSignal;
  /** Builds the subscribers once the run directory exists. */
  subscribe?: (runDir: string) => RunSubscriber[];
  cwd?: string;
  /** Where the run is indexed (postgres://...); absent: the JSONL file under the run store. */
  historyDb?: string;
}

export interface RunOutcome {
  summary: RunSummary;
  runDir: string;
  files: string[];
}

/** Runs a loaded suite to its verdict. Throws only when the run store itself cannot be created (exit 3). */
export async function runSuite(loaded: LoadedSuite, opts: RunOptions = {}): Promise<RunOutcome> {
  const { suite } = loaded;
  const cwd = opts.cwd ?? process.cwd();
  const filters = opts.filters ?? {};
  const signal = opts.signal ?? new AbortController().signal;
  const targetConfigs = suiteTargets(suite).map((t) => (opts.model ? { ...t, model: opts.model } : t));
  const stageList = suite.stages.map((s) => ({ ...s, name: s.name ?? s.kind }));
  const startedAt = new Date();
  const store = RunStore.create(opts.outDir ?? suite.report.dir, {
    suite: loaded.file,
    startedAt: startedAt.toISOString(),
  });

  const bus = new EventBus(makeRedactor(loaded.secrets));
  const metrics = new MetricRegistry();
  const results: CheckResult[] = [];
  const tables: ReportTable[] = [];
  bus.on((e) => {
    // Metric samples are aggregated, not stored one by one; progress is for live display only.
    if (e.type === 'metric') metrics.add(e.sample);
    else if (e.type !== 'progress') store.append(e);
    if (e.type === 'check') results.push(e.result);
    if (e.type === 'table') tables.push(e.table);
  });
  const subscribers = opts.subscribe?.(store.dir) ?? [];
  for (const s of subscribers) bus.on((e) => s.onEvent(e));

  bus.emit({
    type: 'run:start',
    runId: store.id,
    suite: loaded.file,
    startedAt: startedAt.toISOString(),
    targets: targetConfigs.map((t) => ({ name: t.name, url: opts.targetUrl ?? t.baseUrl, model: t.model })),
    stages: stageList.map((s) => ({ name: s.name, kind: s.kind })),
  });

  const prepared: PreparedTarget[] = [];
  const stageSummaries: (StageSummary & { crash?: Error })[] = [];
  let fatal: GauntletError | Error | undefined;
  let aborted: GateResult[] = [];
  const launchGauges = () => emitLaunchGauges(prepared, bus);

  // Targets are launched and connected only when a picked stage tests one (`--stage data` launches nothing).
  const needTargets = stageList.some((s) => !isLocalStage(s.kind) && stagePicked(filters, s));
  try {
    for (const t of needTargets ? targetConfigs : []) {
      const p = await prepareTarget(t, {
        suiteDir: loaded.dir,
        ...(opts.targetUrl ? { urlOverride: opts.targetUrl } : {}),
        signal,
      });
      prepared.push(p);
      if (p.launched) {
        bus.emit({
          type: 'target:launched',
          target: t.name,
          url: p.runtime.baseUrl,
          startupMs: p.launched.startupMs,
          pid: p.launched.pid,
        });
        p.launched.onExit((code, sig) =>
          bus.emit({
            type: 'log',
            level: 'error',
            target: t.name,
            message: `the launched server of target ${t.name} exited during the run (code ${code}, signal ${sig})`,
          }),
        );
      }
    }
    const stopped = new Set<string>();
    const skip = (stage: StageWithName, target: string) => {
      stageSummaries.push(skippedStage(stage, target, 'an earlier stage failed'));
      bus.emit({
        type: 'stage:end',
        stage: stage.name,
        kind: stage.kind,
        target,
        status: 'skipped',
        durationMs: 0,
        error: 'an earlier stage failed',
      });
    };
    const stageEnv = { bus, filters, signal, suiteDir: loaded.dir };
    for (const stage of stageList) {
      if (signal.aborted || aborted.length > 0) break;
      if (!stagePicked(filters, stage)) continue;
      if (isLocalStage(stage.kind)) {
        // A local stage (data) runs once, not once per target. It is the pyramid's base: when it fails,
        // every target's later stages stop; it is skipped once every target has stopped.
        const allStopped =
          stopped.has(LOCAL_TARGET) ||
          (prepared.length > 0 && prepared.every((p) => stopped.has(p.runtime.name)));
        if (allStopped) {
          skip(stage, LOCAL_TARGET);
          continue;
        }
        const summary = await runStage(stage, undefined, stageEnv);
        stageSummaries.push(summary);
        if (summary.status === 'error' && summary.crash) throw summary.crash;
        if ((summary.status === 'fail' || summary.status === 'error') && !stage.continueOnFailure) {
          stopped.add(LOCAL_TARGET);
          for (const p of prepared) stopped.add(p.runtime.name);
        }
      }
      for (const p of isLocalStage(stage.kind) ? [] : prepared) {
        if (signal.aborted) break;
        const target = p.runtime;
        if (stopped.has(target.name)) {
          skip(stage, target.name);
          continue;
        }
        const summary = await runStage(stage, p, stageEnv);
        stageSummaries.push(summary);
        if (summary.status === 'error' && summary.crash) throw summary.crash;
        if ((summary.status === 'fail' || summary.status === 'error') && !stage.continueOnFailure)
          stopped.add(target.name);
      }
      launchGauges();
      const died = prepared.find((p) => p.launched?.stats().exitedEarly);
      if (died) {
        const e = died.launched?.stats().exitedEarly;
        throw new GauntletError(
          'E_TARGET_EXITED',
          `the launched server of target ${died.runtime.name} exited during the run (exit code ${e?.code}, signal ${e?.signal}); its checks after that could not run. Run its launch command by hand to see why it stops.`,
          { exitCode: 3 },
        );
      }
      aborted = evaluateGates(suite.gates, metrics, { filtered: true, abortOnly: true }).filter(
        (g) => g.status === 'fail',
      );
      if (aborted.length > 0) {
        bus.emit({
          type: 'log',
          level: 'error',
          message: `aborting the run (abortOnFail): ${aborted.map((g) => `${g.metric} ${g.message}`).join('; ')}`,
        });
      }
    }
  } catch (err) {
    fatal = err instanceof Error ? err : new Error(String(err));
    bus.emit({ type: 'log', level: 'error', message: fatal.message });
  } finally {
    for (const p of prepared) {
      await p.runtime.client.close().catch(() => undefined);
      if (p.launched) await p.launched.stop().catch(() => undefined);
    }
    launchGauges();
  }

  const gates = evaluateGates(suite.gates, metrics, {
    filtered: isFiltered(filters) || aborted.length > 0 || signal.aborted,
  });
  const counts = countResults(results);
  const fatalInfo = fatal
    ? {
        code: fatal instanceof GauntletError ? fatal.code : 'E_INTERNAL',
        ...(fatal instanceof GauntletError ? { exitCode: fatal.exitCode } : {}),
        message:
          fatal instanceof GauntletError ? fatal.message : `internal error: ${fatal.stack ?? fatal.message}`,
      }
    : undefined;
  const decided = decideVerdict({
    counts,
    gates,
    stages: stageSummaries,
    interrupted: signal.aborted,
    failedChecks: results.filter((r) => r.status === 'fail' || r.status === 'error'),
    ...(fatalInfo ? { fatal: fatalInfo } : {}),
  });
  const endedAt = new Date();
  const summary: RunSummary = {
    schemaVersion: 1,
    runId: store.id,
    suite: { file: loaded.file, ...(suite.name ? { name: suite.name } : {}), hash: loaded.hash },
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
    complete: !signal.aborted && !fatal,
    ...(signal.aborted
      ? { incompleteReason: 'interrupted' }
      : fatal
        ? { incompleteReason: fatalInfo?.message.split('\n')[0] }
        : {}),
    ...decided,
    counts,
    filters: { ...filters },
    targets: targetSummaries(targetConfigs, prepared, opts.targetUrl),
    stages: stageSummaries.map(({ crash: _crash, ...s }) => s),
    checks: results.map((r) => ({
      id: r.id,
      name: r.name,
      stage: r.stage,
      target: r.target,
      status: r.status,
      message: r.message,
      ...(r.priority ? { priority: r.priority } : {}),
    })),
    gates,
    metrics: metrics.summarize(),
    tables,
    environment: collectEnvironment(cwd),
    ...(fatalInfo ? { error: fatalInfo } : {}),
  };
  const safeSummary = makeRedactor(loaded.secrets)(summary);
  store.finish(safeSummary);
  await indexFinishedRun(store.root, store.dir, safeSummary, { db: opts.historyDb });
  bus.emit({ type: 'run:end', summary: safeSummary });
  const files: string[] = [];
  for (const s of subscribers) {
    try {
      files.push(...((await s.finish?.(safeSummary, results)) ?? []));
    } catch (err) {
      process.emitWarning(`gauntlet: a reporter failed: ${(err as Error).message}`);
    }
  }
  return { summary: safeSummary, runDir: store.dir, files };
}

type StageWithName = StageConfig & { name: string };

/** Runs one stage against one target, or with none (`p` undefined) for a local stage. */
async function runStage(
  stage: StageWithName,
  p: PreparedTarget | undefined,
  env: { bus: EventBus; filters: RunFilters; signal: AbortSignal; suiteDir: string },
): Promise<StageSummary & { crash?: Error }> {
  const target = p?.runtime;
  const targetName = target?.name ?? LOCAL_TARGET;
  env.bus.emit({ type: 'stage:start', stage: stage.name, kind: stage.kind, target: targetName });
  const controller = new AbortController();
  // Every request a stage has in flight (a batch check, a load level) listens to this signal.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort();
  env.signal.addEventListener('abort', onAbort, { once: true });
  const tally: StageTally = { results: [] };
  const { ctx, emitResult, close } = createStageContext({
    stage,
    target,
    bus: env.bus,
    filters: env.filters,
    signal: controller.signal,
    tally,
    suiteDir: env.suiteDir,
  });
  const impl = stageRegistry[stage.kind] as Stage<StageKind>;
  const started = performance.now();
  let status: StageStatus;
  let error: string | undefined;
  let crash: Error | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StageTimeout(stage.timeout)), stage.timeout);
    });
    await Promise.race([impl.run(ctx as StageContext<StageKind>), timeout]);
    const counts = countResults(tally.results);
    status = counts.total === 0 ? 'skipped' : counts.fail + counts.error > 0 ? 'fail' : 'pass';
  } catch (err) {
    controller.abort();
    status = 'error';
    if (err instanceof StageTimeout) error = err.message;
    else if (env.signal.aborted) error = 'interrupted';
    else {
      error = (err as Error).message;
      crash = err as Error;
    }
  } finally {
    clearTimeout(timer);
    env.signal.removeEventListener('abort', onAbort);
  }
  const durationMs = Math.round(performance.now() - started);
  if (status === 'error' && !env.signal.aborted) {
    // A stage that timed out or crashed is itself a result, so JUnit and the counts show it, not only the verdict.
    emitResult({
      id: `${stage.kind}.stage`,
      name: `stage ${stage.name} completed`,
      stage: stage.name,
      stageKind: stage.kind,
      target: targetName,
      status: 'error',
      message: error ?? 'the stage failed',
      durationMs,
      priority: stage.priority,
      tags: stage.tags,
    });
  }
  // From here on the stage is over: anything it left running may no longer report.
  close();
  env.bus.emit({
    type: 'stage:end',
    stage: stage.name,
    kind: stage.kind,
    target: targetName,
    status,
    durationMs,
    ...(error ? { error } : {}),
  });
  return {
    name: stage.name,
    kind: stage.kind,
    target: targetName,
    status,
    durationMs,
    counts: countResults(tally.results),
    ...(error ? { error } : {}),
    ...(crash ? { crash } : {}),
  };
}

class StageTimeout extends Error {
  constructor(ms: number) {
    super(`stage timed out after ${formatDuration(ms)}; raise its \`timeout\` if the target is just slow`);
  }
}

function skippedStage(stage: StageWithName, target: string, why: string): StageSummary {
  return {
    name: stage.name,
    kind: stage.kind,
    target,
    status: 'skipped',
    durationMs: 0,
    counts: countResults([]),
    error: why,
  };
}
