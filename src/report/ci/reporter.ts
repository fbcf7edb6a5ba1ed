/**
 * `--ci`: what a CI log needs on top of the plain console output. GitHub Actions gets a collapsible group
 * per stage, an annotation per failed check and gate (shown on the run's page and the pull request), a
 * verdict notice and the Markdown report appended to the job summary ($GITHUB_STEP_SUMMARY). GitLab CI
 * gets a collapsible section per stage (its merge-request widget reads the JUnit report instead).
 *
 * It runs before the console reporter (see executeSuite), so a group opened at a stage's start encloses
 * the console's lines for that stage; a group is closed when the next one opens or the run ends.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../../run/events.js';
import type { RunSummary } from '../../run/summary.js';
import { failedResults, formatNumber } from '../format.js';
import { renderMarkdown } from '../markdown.js';
import { truncate } from '../sanitize.js';
import type { Reporter } from '../types.js';
import {
  githubAnnotation,
  githubGroupEnd,
  githubGroupStart,
  gitlabSectionEnd,
  gitlabSectionName,
  gitlabSectionStart,
} from './commands.js';
import type { CiProvider } from './provider.js';

/**
 * GitHub shows at most 10 error annotations per step: 8 failures, one line counting the rest, and the
 * verdict fit under it, so none of the three is dropped.
 */
export const MAX_ANNOTATIONS = 8;

export interface CiReporterOptions {
  provider: CiProvider;
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The suite file as the repository knows it (relative to the checkout), for the annotations' file=. */
  suiteFile: string;
  cwd: string;
  now?: () => number;
}

/** The reporter, and `close()` for the CLI to call once nothing more will be printed. */
export type CiReporter = Reporter & { close(): void };

/**
 * On GitHub, everything the run prints goes out with workflow commands stopped (`::stop-commands::`):
 * model output in a failure message could otherwise hold a line like `::add-mask::` or `::error::` that
 * the runner would obey. Gauntlet's own commands are written in a short window where they are resumed,
 * each window with a fresh random token; `close()` resumes them for whatever the job runs next.
 */
export function ciReporter(opts: CiReporterOptions): CiReporter {
  const write = (line: string) => opts.stdout.write(`${line}\n`);
  const now = opts.now ?? Date.now;
  const workspace = opts.env.GITHUB_WORKSPACE ?? opts.env.CI_PROJECT_DIR ?? opts.cwd;
  const file = path.relative(workspace, path.resolve(opts.cwd, opts.suiteFile)).split(path.sep).join('/');
  let open: string | undefined;
  let sections = 0;
  let stopToken: string | undefined;
  const stopCommands = () => {
    stopToken = randomBytes(16).toString('hex');
    write(`::stop-commands::${stopToken}`);
  };
  const resumeCommands = () => {
    if (stopToken) write(`::${stopToken}::`);
    stopToken = undefined;
  };
  /** Writes GitHub commands with processing resumed for just these lines. */
  const commands = (lines: string[]) => {
    resumeCommands();
    for (const line of lines) write(line);
    stopCommands();
  };

  const closeGroup = () => {
    if (open === undefined) return;
    if (opts.provider === 'github') commands([githubGroupEnd()]);
    else write(gitlabSectionEnd(open, now()));
    open = undefined;
  };

  if (opts.provider === 'plain') return { close() {} };
  return {
    onRunStart() {
      if (opts.provider === 'github') stopCommands();
    },
    onStageStart(e) {
      closeGroup();
      const title = `${e.stage} · ${e.target}`;
      if (opts.provider === 'github') {
        commands([githubGroupStart(title)]);
        open = title;
      } else {
        open = gitlabSectionName(title, ++sections);
        write(gitlabSectionStart(open, title, now()));
      }
    },
    onRunEnd(summary, results) {
      closeGroup();
      if (opts.provider === 'github') {
        commands(githubAnnotations(summary, results, file));
        appendStepSummary(opts.env, summary, results);
      }
      return undefined;
    },
    close() {
      resumeCommands();
    },
  };
}

/** One annotation per failed check and failed gate (the first MAX_ANNOTATIONS), then the verdict. */
export function githubAnnotations(
  summary: RunSummary,
  results: readonly CheckResult[],
  file: string,
): string[] {
  const problems = [
    ...failedResults(results).map((r) => ({
      title: `${r.stage} · ${r.name}${r.target ? ` (${r.target})` : ''}`,
      message: truncate(r.message || r.status, 2000),
    })),
    ...summary.gates
      .filter((g) => g.status === 'fail')
      .map((g) => ({
        title: `gate ${g.metric}${g.target ? ` (${g.target})` : ''}`,
        message: `${g.metric} ${g.threshold}: observed ${formatNumber(g.observed)}. ${g.message}`.trim(),
      })),
  ];
  const lines = problems
    .slice(0, MAX_ANNOTATIONS)
    .map((p) => githubAnnotation('error', p.message, { file, title: p.title }));
  if (problems.length > MAX_ANNOTATIONS) {
    lines.push(
      githubAnnotation(
        'error',
        `${problems.length - MAX_ANNOTATIONS} more failures; see the job log, the JUnit report or report.html`,
        { file, title: 'Gauntlet: more failures' },
      ),
    );
  }
  const c = summary.counts;
  const counts = `${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped`;
  lines.push(
    githubAnnotation(summary.verdict === 'pass' ? 'notice' : 'error', `${summary.headline} (${counts})`, {
      title: `Gauntlet ${summary.suite.name ?? file}`,
    }),
  );
  return lines;
}

/** Appends the Markdown report to the job summary page; a summary that cannot be written is only a warning. */
function appendStepSummary(
  env: NodeJS.ProcessEnv,
  summary: RunSummary,
  results: readonly CheckResult[],
): void {
  const target = env.GITHUB_STEP_SUMMARY;
  if (!target) return;
  try {
    appendFileSync(target, `${renderMarkdown(summary, results)}\n`);
  } catch (err) {
    process.emitWarning(
      `gauntlet --ci: could not append to $GITHUB_STEP_SUMMARY (${target}): ${(err as Error).message}`,
    );
  }
}
