/** `gauntlet run [SUITE]`: load, run, report, exit with the verdict. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type LoadedSuite, loadSuite } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { resolveCiProvider } from '../../report/ci/provider.js';
import { ciReporter } from '../../report/ci/reporter.js';
import { compareRuns } from '../../report/compare/compare.js';
import {
  COMPARISON_JSON,
  COMPARISON_MD,
  renderConsole,
  renderMarkdown,
} from '../../report/compare/render.js';
import { loadRun, resolveRun } from '../../report/compare/runs.js';
import { createReporter, parseReporterSpec } from '../../report/index.js';
import type { Reporter } from '../../report/types.js';
import type { Priority } from '../../run/events.js';
import { historyDb as checkHistoryDb } from '../../run/history/index.js';
import { type RunSubscriber, runSuite } from '../../run/orchestrator.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';

export interface RunFlags {
  stage?: string[];
  tag?: string[];
  priority?: Priority;
  reporter?: string[];
  out?: string;
  targetUrl?: string;
  model?: string;
  quiet?: boolean;
  verbose?: boolean;
  /** Compare the finished run with this one (an id, a path, latest or last-passing). */
  baseline?: string;
  failOnRegression?: boolean;
  /** `--ci [provider]`: no colours, line progress, the CI system's annotations (true: detect it). */
  ci?: string | boolean;
  /** Index the run in this history database (beats the suite's report.history.db and GAUNTLET_DB). */
  db?: string;
}

/** Runs a suite file; returns the exit code. */
export async function runCommand(suiteFile: string, flags: RunFlags, io: CliIO): Promise<number> {
  try {
    if (flags.targetUrl && !/^https?:\/\/\S+$/.test(flags.targetUrl)) {
      throw new UsageError(
        `--target-url must be an http(s) URL like http://127.0.0.1:8000/v1, got ${JSON.stringify(flags.targetUrl)}`,
      );
    }
    const loaded = await loadSuite(path.resolve(io.cwd, suiteFile), io.env);
    return await executeSuite(loaded, flags, io);
  } catch (err) {
    return reportError(err, io);
  }
}

/** Runs a loaded suite with the run flags and reporters; returns the exit code. Errors propagate. */
export async function executeSuite(loaded: LoadedSuite, flags: RunFlags, runIO: CliIO): Promise<number> {
  const ci = resolveCiProvider(flags.ci, runIO.env);
  // In CI: no colours and no line rewritten in place, whatever the terminal claims.
  const io = ci ? { ...runIO, color: false } : runIO;
  // The console finishes last so its closing lines can list the files the other reporters wrote.
  const specs = (flags.reporter ?? loaded.suite.report.reporters)
    .map(parseReporterSpec)
    .sort((a, b) => Number(a.name === 'console') - Number(b.name === 'console'));
  const knownStages = new Set(loaded.suite.stages.flatMap((s) => [s.kind, s.name ?? s.kind]));
  for (const s of flags.stage ?? []) {
    if (!knownStages.has(s)) {
      throw new UsageError(
        `--stage ${s}: the suite has no such stage; it has ${[...knownStages].join(', ')}`,
      );
    }
  }
  const verbosity = flags.quiet ? 0 : flags.verbose ? 2 : 1;
  const outDir = flags.out ?? path.resolve(io.cwd, loaded.suite.report.dir);
  // The baseline is found before the run (latest and last-passing mean the runs before this one), so a
  // wrong reference fails in a second, not after the whole suite.
  const baseDir = flags.baseline
    ? resolveRun(flags.baseline, path.resolve(io.cwd, outDir), { cwd: io.cwd })
    : undefined;
  // Checked before the run, so a wrong --db fails now and not after the whole suite.
  const historyDb = checkHistoryDb({
    db: flags.db || loaded.suite.report.history.db,
    env: io.env,
  });
  const ciLog = ci
    ? ciReporter({ provider: ci, stdout: io.stdout, env: io.env, suiteFile: loaded.file, cwd: io.cwd })
    : undefined;
  try {
    const outcome = await runSuite(loaded, {
      filters: {
        ...(flags.stage ? { stages: flags.stage } : {}),
        ...(flags.tag ? { tags: flags.tag } : {}),
        ...(flags.priority ? { priority: flags.priority } : {}),
      },
      outDir: path.resolve(io.cwd, outDir),
      signal: io.signal,
      cwd: io.cwd,
      ...(flags.targetUrl ? { targetUrl: flags.targetUrl } : {}),
      ...(flags.model ? { model: flags.model } : {}),
      ...(historyDb ? { historyDb } : {}),
      subscribe: (runDir) => [
        // First, so a stage's log group opens before the console prints the stage.
        ...(ciLog ? [toSubscriber(ciLog)] : []),
        ...specs.map((spec) =>
          toSubscriber(
            createReporter(spec.name, {
              runDir,
              stdout: io.stdout,
              color: io.color,
              verbosity,
              ...(spec.outputPath ? { outputPath: path.resolve(io.cwd, spec.outputPath) } : {}),
            }),
          ),
        ),
      ],
    });
    if (outcome.summary.error && !specs.some((s) => s.name === 'console')) {
      io.stderr.write(`${outcome.summary.error.message}\n`);
    }
    if (baseDir) {
      const regressed = baselineComparison(baseDir, outcome.runDir, io);
      if (regressed && flags.failOnRegression && outcome.summary.exitCode === 0) return 1;
    }
    return outcome.summary.exitCode;
  } finally {
    // GitHub: workflow commands were stopped while the run printed; the job's next lines get them back.
    ciLog?.close();
  }
}

/**
 * `run --baseline REF`: prints the comparison of the run just made with REF and keeps it in the run
 * directory (comparison.json, comparison.md for a pull-request comment); true when anything regressed.
 */
function baselineComparison(baseDir: string, runDir: string, io: CliIO): boolean {
  const current = loadRun(runDir);
  const base = loadRun(baseDir);
  const comparison = compareRuns(base, current);
  io.stdout.write(`\n${renderConsole(comparison, io.color)}`);
  writeFileSync(path.join(runDir, COMPARISON_JSON), `${JSON.stringify(comparison, null, 2)}\n`);
  writeFileSync(path.join(runDir, COMPARISON_MD), renderMarkdown(comparison));
  io.stdout.write(
    `  comparison kept in ${path.relative(io.cwd, path.join(runDir, COMPARISON_MD)) || COMPARISON_MD}\n`,
  );
  return comparison.counts.regressed > 0;
}

/** Adapts a reporter's optional hooks to the engine's subscriber interface. */
function toSubscriber(r: Reporter): RunSubscriber {
  return {
    onEvent(e) {
      r.onEvent?.(e);
      switch (e.type) {
        case 'run:start':
          return r.onRunStart?.(e);
        case 'target:launched':
          return r.onTargetLaunched?.(e);
        case 'stage:start':
          return r.onStageStart?.(e);
        case 'check':
          return r.onCheck?.(e.result);
        case 'stage:end':
          return r.onStageEnd?.(e);
        case 'log':
          return r.onLog?.(e);
        case 'progress':
          return r.onProgress?.(e);
        case 'table':
          return r.onTable?.(e.table);
        default:
          return undefined;
      }
    },
    async finish(summary, results) {
      return (await r.onRunEnd?.(summary, results)) ?? undefined;
    },
  };
}
