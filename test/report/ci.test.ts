/** `--ci`: GitHub workflow commands and GitLab sections, escaping of model text, the job summary, detection. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { githubAnnotation, gitlabSectionName } from '../../src/report/ci/commands.js';
import { resolveCiProvider } from '../../src/report/ci/provider.js';
import { runCli, suiteDir } from '../helpers/cli.js';

// A data-only suite (no target to start): one expectation passes, one fails with a message naming rows.
const SUITE = `name: ci-demo
stages:
  - kind: data
    tables:
      - path: scores.csv
        name: scores
        expect:
          - expect_column_values_to_not_be_null: { column: id }
          - expect_column_values_to_be_between: { column: score, min_value: 0, max_value: 1 }
report:
  reporters: [console, json, junit, markdown]
`;
const CSV = 'id,score\n1,0.5\n2,0.9\n3,7\n';

describe('github workflow commands', () => {
  it('escapes %, CR and LF so model text cannot start a command of its own', () => {
    const line = githubAnnotation('error', '100% wrong\n::error::forged\r\x1b[31mred', {
      title: 'a: b, c',
      file: 'x.yaml',
    });
    // The escape sequence is stripped, the CR is shown as a symbol; nothing can end the line early.
    expect(line).toBe('::error title=a%3A b%2C c,file=x.yaml::100%25 wrong%0A::error::forged␍red');
    expect(line.split('\n')).toHaveLength(1);
  });

  it('makes GitLab section names from any title', () => {
    expect(gitlabSectionName('smoke · local <x>', 3)).toBe('gauntlet_3_smoke_local_x_');
  });
});

/**
 * What the GitHub runner executes from a log: `::stop-commands::T` pauses command processing until a line
 * `::T::`; leading whitespace is ignored (assumed, to be safe).
 */
function executedCommands(log: string): string[] {
  const done: string[] = [];
  let stopped: string | undefined;
  for (const raw of log.split('\n')) {
    const line = raw.trim();
    if (stopped) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopped = stop[1];
    else if (line.startsWith('::')) done.push(line);
  }
  return done;
}

describe('github: model output cannot issue workflow commands', () => {
  it("everything but Gauntlet's own commands is printed with commands stopped", async () => {
    const { ciReporter } = await import('../../src/report/ci/reporter.js');
    const { makeHtmlSummary } = await import('./html/fixture.js');
    let log = '';
    const stdout = new Writable({
      write(chunk, _enc, cb) {
        log += String(chunk);
        cb();
      },
    });
    const r = ciReporter({ provider: 'github', stdout, env: {}, suiteFile: 'gauntlet.yaml', cwd: '/repo' });
    r.onRunStart?.({ type: 'run:start', runId: 'r', suite: 's', targets: [] } as never);
    r.onStageStart?.({ type: 'stage:start', stage: 'smoke', target: 'default' } as never);
    // What the console prints from a model's answer, between Gauntlet's own lines.
    stdout.write('  ✗ basic\n      ::add-mask::secret\n::error::forged by the model\n');
    const summary = makeHtmlSummary();
    await r.onRunEnd?.(summary, []);
    stdout.write('Failures\n    ::warning::also forged\n');
    r.close();
    const executed = executedCommands(log);
    expect(executed.some((c) => c.includes('forged') || c.includes('add-mask'))).toBe(false);
    expect(executed[0]).toBe('::group::smoke · default');
    expect(executed).toContain('::endgroup::');
    expect(executed.at(-1)).toMatch(/^::error title=Gauntlet /);
  });
});

describe('resolveCiProvider', () => {
  it('detects GitHub Actions and GitLab CI, and falls back to plain', () => {
    expect(resolveCiProvider(true, { GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(resolveCiProvider('auto', { GITLAB_CI: 'true' })).toBe('gitlab');
    expect(resolveCiProvider(true, {})).toBe('plain');
    expect(resolveCiProvider(undefined, { GITHUB_ACTIONS: 'true' })).toBeUndefined();
    expect(resolveCiProvider('gitlab', { GITHUB_ACTIONS: 'true' })).toBe('gitlab');
  });

  it('names the accepted values for an unknown one', () => {
    expect(() => resolveCiProvider('jenkins', {})).toThrow(
      /--ci jenkins: unknown CI provider; use --ci .*github.*gitlab.*plain/,
    );
  });
});

describe('gauntlet run --ci', () => {
  it('github: a group per stage, an error annotation per failure, the verdict, and the job summary', async () => {
    const dir = suiteDir(SUITE, { 'scores.csv': CSV });
    const stepSummary = path.join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '');
    const r = await runCli(['run', '--ci'], {
      cwd: dir,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummary, GITHUB_WORKSPACE: dir },
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const start = lines.findIndex((l) => l.startsWith('::group::data · local'));
    const end = lines.indexOf('::endgroup::');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    // The console's lines for the stage are inside the group.
    expect(lines.slice(start, end).some((l) => l.includes('expect_column_values_to_be_between'))).toBe(true);
    const errors = lines.filter((l) => l.startsWith('::error '));
    expect(
      errors.some(
        (l) => l.includes('file=gauntlet.yaml') && l.includes('expect_column_values_to_be_between'),
      ),
    ).toBe(true);
    expect(errors.at(-1)).toMatch(
      /title=Gauntlet ci-demo::FAIL: 1 of 2 checks failed .*\(1 passed, 1 failed, 0 errors, 0 skipped\)$/,
    );
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colours
    expect(readFileSync(stepSummary, 'utf8')).toMatch(/FAIL/);
  });

  it('gitlab: collapsible sections around each stage, no annotations', async () => {
    const dir = suiteDir(SUITE, { 'scores.csv': CSV });
    const r = await runCli(['run', '--ci', 'gitlab'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\x1b\[0Ksection_start:\d+:gauntlet_1_data_local\[collapsed=false\]\r\x1b\[0Kdata · local/,
    );
    expect(r.stdout).toMatch(/\x1b\[0Ksection_end:\d+:gauntlet_1_data_local\r\x1b\[0K/);
    expect(r.stdout).not.toContain('::error');
  });

  it('plain: the console output without colours, nothing else', async () => {
    const dir = suiteDir(SUITE, { 'scores.csv': CSV });
    const r = await runCli(['run', '--ci', 'plain'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('::');
    expect(r.stdout).not.toContain('section_start');
    expect(r.stdout).toMatch(/FAIL/);
  });

  it('an unknown provider is a usage error (exit 2) before anything runs', async () => {
    const dir = suiteDir(SUITE, { 'scores.csv': CSV });
    const r = await runCli(['run', '--ci', 'jenkins'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ci jenkins: unknown CI provider/);
    expect(existsSync(path.join(dir, '.gauntlet'))).toBe(false);
  });
});

describe('gauntlet run --baseline keeps the comparison in the run', () => {
  it('writes comparison.json and comparison.md next to the summary', async () => {
    const dir = suiteDir(SUITE.replace('max_value: 1', 'max_value: 10'), { 'scores.csv': CSV });
    expect((await runCli(['run', '-q'], { cwd: dir })).code).toBe(0);
    const r = await runCli(['run', '-q', '--baseline', 'latest'], { cwd: dir });
    expect(r.code).toBe(0);
    const latest = path.join(dir, '.gauntlet/runs/latest');
    const comparison = JSON.parse(readFileSync(path.join(latest, 'comparison.json'), 'utf8'));
    expect(comparison.counts.regressed).toBe(0);
    expect(readFileSync(path.join(latest, 'comparison.md'), 'utf8')).toMatch(/^### Gauntlet comparison/);
    expect(r.stdout).toMatch(/comparison kept in .*comparison\.md/);
  });
});
