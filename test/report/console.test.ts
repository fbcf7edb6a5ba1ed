import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleReporter } from '../../src/report/console.js';
import { jsonReporter } from '../../src/report/json.js';
import { writeReport } from '../../src/report/output.js';
import type { Reporter } from '../../src/report/types.js';
import type { CheckResult } from '../../src/run/events.js';
import type { RunSummary } from '../../src/run/summary.js';
import { CURL, HOSTILE_CLEAN, makeResults, makeSummary, memoryStream, tempDir } from './fixture.js';

/** Drives a reporter through a whole run the way the orchestrator does. */
async function drive(reporter: Reporter, summary: RunSummary, results: CheckResult[]): Promise<void> {
  reporter.onRunStart?.({
    type: 'run:start',
    runId: summary.runId,
    suite: summary.suite.name ?? 'suite',
    startedAt: summary.startedAt,
    targets: summary.targets,
    stages: [{ name: 'smoke', kind: 'smoke' }],
  });
  for (const stage of summary.stages) {
    reporter.onStageStart?.({
      type: 'stage:start',
      stage: stage.name,
      kind: stage.kind,
      target: stage.target,
    });
    for (const r of results.filter((x) => x.stage === stage.name && x.target === stage.target))
      reporter.onCheck?.(r);
    reporter.onLog?.({ type: 'log', level: 'warn', message: 'slow \u001b]0;pwned\u0007first token' });
    reporter.onStageEnd?.({
      type: 'stage:end',
      stage: stage.name,
      kind: stage.kind,
      target: stage.target,
      status: stage.status,
      durationMs: stage.durationMs,
    });
  }
  await reporter.onRunEnd?.(summary, results);
}

describe('console reporter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  async function run(options: { color?: boolean; verbosity?: number } = {}): Promise<string> {
    const stdout = memoryStream();
    const reporter = consoleReporter({
      runDir: dir,
      stdout,
      color: options.color ?? false,
      verbosity: options.verbosity ?? 1,
    });
    await drive(reporter, makeSummary(), makeResults());
    return stdout.text();
  }

  it('shows live progress, the tables, each failure with its curl line, and the verdict', async () => {
    const out = await run();
    expect(out).toContain('▶ smoke · target default');
    expect(out).toContain('▶ smoke · target canary');
    expect(out).toMatch(/ {2}✓ health endpoint answers 8ms/);
    expect(out).toMatch(
      / {2}✗ streaming \| <b>ends<\/b> with \[DONE\] 1\.53s\n {6}stream ended without \[DONE\]/,
    );
    expect(out).toMatch(/ {2}- tool calls 0ms\n {6}skipped: the target does not declare tool support/);
    expect(out).toMatch(/ {2}! json mode 30\.00s\n {6}request timed out/);
    expect(out).toContain('✗ smoke · default: 1 passed, 1 failed, 1 error, 1 skipped in 31.57s');
    expect(out).toContain('✓ smoke · canary: 2 passed in 425ms');
    expect(out).toMatch(/stage\s+target\s+passed\s+failed\s+errors\s+skipped\s+duration/);
    expect(out).toMatch(/checks\{stage:smoke\}\s+default\s+rate>0\.99\s+0\.3333\s+FAIL/);
    expect(out).toMatch(/ttft\s+-\s+p\(95\)<500\s+-\s+SKIP/);
    expect(out).toContain('Failures (2)');
    expect(out).toContain(`curl     ${CURL}`);
    expect(out).toContain('1 of 6 checks failed, 1 errored; 1 of 3 gates failed');
    expect(out).toMatch(/\nFAIL exit 1/);
    expect(out).toContain(`run dir  ${dir}`);
    // The verdict comes last, after every failure.
    expect(out.lastIndexOf('FAIL exit 1')).toBeGreaterThan(out.lastIndexOf('curl '));
  });

  it('never lets model output reach the terminal raw', async () => {
    const out = await run();
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).not.toContain('pwned');
    expect(out).toContain('slow first token');
    // NUL is shown as a visible symbol, the ANSI colour is removed, the text around both survives.
    expect(out).toContain(']]> ␀red | a | b ``` fence 🚀 & done');
  });

  it('cuts long excerpts and says how much was cut', async () => {
    const out = await run();
    const line = out.split('\n').find((l) => l.trimStart().startsWith('excerpt'));
    // The excerpt is HOSTILE (NUL shown as ␀), a newline shown as ` ⏎ `, then 60 × 'lorem ipsum '.
    const visible = Array.from(HOSTILE_CLEAN).length + 1 + 3 + 720;
    expect(line).toMatch(new RegExp(`… \\(${visible - 300} more characters\\)$`));
    expect(line).toContain('⏎ lorem ipsum');
    const shown = line!.replace(/^\s*excerpt\s+/, '').replace(/… \(\d+ more characters\)$/, '');
    // Counted after sanitizing, so the number matches what the reader sees.
    expect(Array.from(shown).length).toBe(300);
  });

  it('prints no colour codes when colour is off, and colours when it is on', async () => {
    expect(await run({ color: false })).not.toContain('\u001b[');
    const coloured = await run({ color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(coloured).toMatch(/\u001b\[1m\u001b\[31mFAIL\u001b\[39m\u001b\[22m/);
    // The model's own colour sequence is gone even when ours are on.
    expect(coloured).not.toContain('\u001b[31mred');
  });

  it('at verbosity 0 prints only the failures and the verdict lines', async () => {
    const out = await run({ verbosity: 0 });
    expect(out).not.toContain('▶');
    expect(out).not.toContain('health endpoint answers');
    expect(out).not.toContain('Stages');
    expect(out).not.toContain('Gates');
    expect(out).not.toContain('[warn]');
    expect(out).toContain('Failures (2)');
    expect(out).toContain(CURL);
    expect(out).toMatch(/FAIL exit 1/);
  });

  it('at verbosity 2 also shows what passing checks said', async () => {
    const out = await run({ verbosity: 2 });
    expect(out).toMatch(/✓ health endpoint answers 8ms\n {6}ok/);
  });

  it('lists the files the run wrote, reports written elsewhere included', async () => {
    const runDir = join(dir, 'run');
    await mkdir(runDir);
    await writeFile(join(runDir, 'summary.json'), '{}');
    await jsonReporter({ runDir, stdout: memoryStream(), color: false, verbosity: 1 }).onRunEnd?.(
      makeSummary(),
      makeResults(),
    );
    const elsewhere = join(dir, 'ci', 'junit.xml');
    await writeReport({ runDir, outputPath: elsewhere }, 'junit.xml', '<testsuites/>');
    const stdout = memoryStream();
    await consoleReporter({ runDir, stdout, color: false, verbosity: 1 }).onRunEnd?.(
      makeSummary(),
      makeResults(),
    );
    expect(stdout.text()).toContain(`files    ${elsewhere}, report.json, summary.json`);
  });

  it('says when a run is incomplete or crashed', async () => {
    const stdout = memoryStream();
    const summary: RunSummary = {
      ...makeSummary(),
      complete: false,
      incompleteReason: 'interrupted (SIGINT)',
      verdict: 'error',
      exitCode: 3,
      error: { code: 'E_TARGET', message: 'connect ECONNREFUSED 127.0.0.1:8000' },
    };
    await consoleReporter({ runDir: join(dir, 'missing'), stdout, color: false, verbosity: 1 }).onRunEnd?.(
      summary,
      [],
    );
    const out = stdout.text();
    expect(out).toContain('ERROR exit 3');
    expect(out).toContain('incomplete run: interrupted (SIGINT)');
    expect(out).toContain('E_TARGET: connect ECONNREFUSED 127.0.0.1:8000');
    expect(out).not.toContain('Failures');
  });
});
