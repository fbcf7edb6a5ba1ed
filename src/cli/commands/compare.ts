/** `gauntlet compare BASE CURRENT`: statistical deltas between two stored runs (or two targets of one). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { type Comparison, compareRuns } from '../../report/compare/compare.js';
import { renderConsole, renderMarkdown } from '../../report/compare/render.js';
import { loadRun, resolveRun } from '../../report/compare/runs.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';

export interface CompareFlags {
  runsDir?: string;
  baseline?: string;
  failOnRegression?: boolean;
  markdown?: string;
  json?: string;
  alpha?: string;
  targets?: string;
}

/** Writes an output file, making its directory (CI jobs write into a reports/ folder that may not exist). */
function writeOutput(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** --alpha: a significance level in (0, 0.5), 0.01 when not given. */
export function parseAlpha(alpha: string | undefined): number {
  if (alpha === undefined) return 0.01;
  const a = Number(alpha);
  if (!(a > 0 && a < 0.5))
    throw new UsageError(`--alpha must be a number between 0 and 0.5, e.g. 0.01; got ${alpha}`);
  return a;
}

/** Compares runs, prints the table, writes --markdown/--json; returns the exit code. */
export async function compareCommand(refs: string[], flags: CompareFlags, io: CliIO): Promise<number> {
  try {
    const runsDir = path.resolve(io.cwd, flags.runsDir ?? '.gauntlet/runs');
    const alpha = parseAlpha(flags.alpha);
    const resolve = (ref: string, exclude?: string) =>
      resolveRun(ref, runsDir, { cwd: io.cwd, ...(exclude ? { exclude } : {}) });
    let comparison: Comparison;
    if (flags.targets) {
      const [base, current, ...rest] = flags.targets.split(',').map((s) => s.trim());
      if (!base || !current || rest.length > 0 || refs.length > 1) {
        throw new UsageError(
          `--targets takes two target names of one run, e.g. gauntlet compare RUN --targets stable,canary; got ${flags.targets}${refs.length > 1 ? ` with ${refs.length} runs` : ''}`,
        );
      }
      const run = loadRun(resolve(refs[0] ?? 'latest'));
      for (const t of [base, current]) {
        if (!run.summary.targets.some((x) => x.name === t)) {
          throw new UsageError(
            `--targets: run ${run.summary.runId} has no target ${JSON.stringify(t)}; it has ${run.summary.targets.map((x) => x.name).join(', ')}`,
          );
        }
      }
      comparison = compareRuns(run, run, { alpha, targets: { base, current } });
    } else {
      if (refs.length > 2 || (flags.baseline && refs.length > 1)) {
        throw new UsageError('compare takes BASE CURRENT, or --baseline REF [CURRENT]; got too many runs');
      }
      const baseRef = flags.baseline ?? refs[0];
      const currentRef = flags.baseline ? (refs[0] ?? 'latest') : (refs[1] ?? 'latest');
      if (!baseRef) {
        throw new UsageError(
          'compare needs a base run: gauntlet compare BASE CURRENT (run ids, paths or latest), or --baseline last-passing',
        );
      }
      const current = loadRun(resolve(currentRef));
      const base = loadRun(resolve(baseRef, current.summary.runId));
      comparison = compareRuns(base, current, { alpha });
    }
    io.stdout.write(renderConsole(comparison, io.color));
    if (flags.markdown) writeOutput(path.resolve(io.cwd, flags.markdown), renderMarkdown(comparison));
    if (flags.json) writeOutput(path.resolve(io.cwd, flags.json), `${JSON.stringify(comparison, null, 2)}\n`);
    return flags.failOnRegression && comparison.counts.regressed > 0 ? 1 : 0;
  } catch (err) {
    return reportError(err, io);
  }
}
