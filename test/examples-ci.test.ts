/**
 * The CI examples run as written: their shell steps are executed by bash, with `npx gauntlet` served by
 * this checkout's binary (a shim on PATH), as a push to main then a pull request on GitHub Actions and a
 * merge request on GitLab CI. The suite is a short one (SUITE is the workflows' only knob).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = path.resolve(import.meta.dirname, '..');
const bin = path.join(repo, 'bin', 'gauntlet.js');

const SUITE = `name: ci-example
target:
  type: openai
  baseUrl: http://127.0.0.1:{port}/v1
  model: gauntlet-sim
  launch:
    command: [node, ${JSON.stringify(bin)}, serve, --port, "{port}"]
stages:
  - kind: smoke
    checks: [models, basic]
  - kind: load
    profile: { type: concurrency, concurrency: 2 }
    requests: 20
    maxTokens: 16
`;

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
  uses?: string;
  with?: Record<string, string>;
}

/** A work directory with the suite and an `npx` that runs this checkout's gauntlet and nothing else. */
function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-ci-'));
  writeFileSync(path.join(dir, 'suite.yaml'), SUITE);
  const shims = path.join(dir, '.shims');
  mkdirSync(shims);
  const npx = path.join(shims, 'npx');
  writeFileSync(
    npx,
    `#!/bin/sh\nif [ "$1" = gauntlet ]; then shift; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"; fi\necho "npx $1: not available in this test" >&2; exit 127\n`,
  );
  chmodSync(npx, 0o755);
  // A `gh` that logs its calls; `gh api ... --jq` answers with the id in .gh-existing (a comment found).
  const gh = path.join(shims, 'gh');
  writeFileSync(
    gh,
    `#!/bin/sh\necho "gh $*" >> ${JSON.stringify(path.join(dir, '.gh-calls'))}\nif [ "$1" = api ] && [ "$3" = --paginate ]; then cat ${JSON.stringify(path.join(dir, '.gh-existing'))} 2>/dev/null; fi\nexit 0\n`,
  );
  chmodSync(gh, 0o755);
  return {
    dir,
    env: { PATH: `${shims}:${process.env.PATH}`, HOME: os.homedir(), CI: 'true', SUITE: 'suite.yaml' },
  };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  // GitHub runs `bash --noprofile --norc -eo pipefail {0}`; GitLab's runner also stops at the first failure.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('examples/ci/github-actions.yml', () => {
  const workflow = parse(readFileSync(path.join(repo, 'examples/ci/github-actions.yml'), 'utf8'));
  const steps: Step[] = workflow.jobs.gauntlet.steps;
  const step = (name: string) => {
    const s = steps.find((x) => x.name === name);
    if (!s) throw new Error(`no step "${name}" in the workflow`);
    return s;
  };

  it('uploads what the run writes, and comments what compare writes', () => {
    const run = step('Run the suite').run ?? '';
    const upload = step('Upload the reports');
    expect(upload.uses).toMatch(/^actions\/upload-artifact@v4$/);
    for (const report of ['reports/report.html', 'reports/junit.xml']) {
      expect(run).toContain(report);
      expect(report.startsWith(upload.with?.path ?? '-')).toBe(true);
    }
    expect(step("Compare with main's last passing run").run).toContain('--markdown reports/comparison.md');
    const comment = step('Comment the comparison on the pull request').run ?? '';
    expect(comment).toContain('cat reports/comparison.md');
    expect(comment).toContain('--body-file reports/comment.md');
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  it('runs on a push to main (no baseline yet), then on a pull request that it compares with main', () => {
    const { dir, env } = workspace();
    const summary = path.join(dir, 'step-summary.md');
    const ghEnv = { ...env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summary };
    const exec = (name: string) => bash(step(name).run ?? '', dir, ghEnv);

    // Push to main: the first run has nothing to compare with, which is a notice, not a failure.
    const first = exec('Run the suite');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('::group::smoke · default');
    const firstCompare = exec("Compare with main's last passing run");
    expect(firstCompare.code, firstCompare.out).toBe(0);
    expect(firstCompare.out).toContain('::notice title=Gauntlet::no earlier passing run');
    expect(existsSync(path.join(dir, 'reports/comparison.md'))).toBe(false);

    // Pull request: same configuration, so the comparison exists (its verdict is the statistics' call).
    const second = exec('Run the suite');
    expect(second.code, second.out).toBe(0);
    const compare = exec("Compare with main's last passing run");
    expect([0, 1]).toContain(compare.code);
    expect(readFileSync(path.join(dir, 'reports/comparison.md'), 'utf8')).toMatch(/^### Gauntlet comparison/);
    for (const f of ['report.html', 'junit.xml', 'report.md'])
      expect(existsSync(path.join(dir, 'reports', f))).toBe(true);
    expect(readFileSync(summary, 'utf8')).toMatch(/PASS/);

    // The comment: created the first time, then found by its marker and edited in place.
    const ghEnvPr = { ...ghEnv, GITHUB_REPOSITORY: 'acme/model', GH_TOKEN: 'x', PR: '42' };
    const comment = step('Comment the comparison on the pull request').run ?? '';
    expect(bash(comment, dir, ghEnvPr).code).toBe(0);
    writeFileSync(path.join(dir, '.gh-existing'), '9001\n');
    expect(bash(comment, dir, ghEnvPr).code).toBe(0);
    const calls = readFileSync(path.join(dir, '.gh-calls'), 'utf8').trim().split('\n');
    expect(calls.filter((c) => !c.includes('--paginate'))).toEqual([
      'gh pr comment 42 --body-file reports/comment.md',
      'gh api -X PATCH repos/acme/model/issues/comments/9001 -F body=@reports/comment.md',
    ]);
    expect(readFileSync(path.join(dir, 'reports/comment.md'), 'utf8')).toMatch(
      /^<!-- gauntlet-comparison -->\n### Gauntlet comparison/,
    );
  }, 120_000);
});

describe('examples/ci/gitlab-ci.yml', () => {
  const job = parse(readFileSync(path.join(repo, 'examples/ci/gitlab-ci.yml'), 'utf8')).gauntlet;

  it('runs its script on a merge request: sections, reports where the artifacts say, the comparison', () => {
    const { dir, env } = workspace();
    const script = (job.script as string[]).filter((l) => l !== 'npm ci').join('\n');
    const labEnv = { ...env, GITLAB_CI: 'true', CI_PROJECT_DIR: dir, CI_MERGE_REQUEST_IID: '7' };
    // The default branch's history first (no baseline: still exit 0), then the merge request's run.
    const main = bash(script, dir, labEnv);
    expect(main.code, main.out).toBe(0);
    expect(main.out).toContain('no earlier passing run to compare with yet');
    const mr = bash(script, dir, labEnv);
    expect([0, 1]).toContain(mr.code);
    expect(mr.out).toMatch(/section_start:\d+:gauntlet_1_smoke/);
    expect(existsSync(path.join(dir, job.artifacts.reports.junit))).toBe(true);
    expect(existsSync(path.join(dir, 'reports/report.html'))).toBe(true);
    expect(readFileSync(path.join(dir, 'reports/comparison.md'), 'utf8')).toMatch(/^### Gauntlet comparison/);
    // No token: the note is skipped quietly rather than failing the job.
    expect(mr.out).not.toContain('could not post');
  }, 120_000);
});
