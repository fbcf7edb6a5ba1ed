/** Counting results and turning them, the gates and any fatal error into one verdict and exit code. */
import type { CheckResult } from './events.js';
import type { Counts, GateResult, StageSummary, Verdict } from './summary.js';

/** Counts results by status. */
export function countResults(results: readonly { status: CheckResult['status'] }[]): Counts {
  const c: Counts = { total: 0, pass: 0, fail: 0, error: 0, skip: 0 };
  for (const r of results) {
    c.total++;
    c[r.status]++;
  }
  return c;
}

export interface VerdictInput {
  counts: Counts;
  gates: readonly GateResult[];
  stages: readonly StageSummary[];
  /** What stopped the run; `exitCode` 2 when it was bad config or input found mid-run (a case file, a template). */
  fatal?: { code: string; message: string; exitCode?: number };
  interrupted: boolean;
  failedChecks: readonly CheckResult[];
}

/**
 * pass (0): nothing failed. fail (1): a check failed or errored, a gate failed, or a stage timed out.
 * error (3): the run could not be carried out (target unreachable, crash), or (2) bad input found mid-run;
 * interrupted: 130 as shells expect.
 */
export function decideVerdict(v: VerdictInput): { verdict: Verdict; exitCode: number; headline: string } {
  const failedGates = v.gates.filter((g) => g.status === 'fail');
  const passedGates = v.gates.filter((g) => g.status === 'pass');
  const gatesText = v.gates.length
    ? `; gates ${passedGates.length}/${v.gates.length - v.gates.filter((g) => g.status === 'skip').length} passed`
    : '';
  if (v.interrupted) {
    return {
      verdict: 'error',
      exitCode: 130,
      headline: `INTERRUPTED after ${v.counts.total} checks: the run is incomplete`,
    };
  }
  if (v.fatal) {
    return {
      verdict: 'error',
      exitCode: v.fatal.exitCode === 2 ? 2 : 3,
      headline: `ERROR: ${v.fatal.message.split('\n')[0]}`,
    };
  }
  const bad = v.counts.fail + v.counts.error;
  const timedOut = v.stages.filter((s) => s.status === 'error');
  if (bad > 0 || failedGates.length > 0 || timedOut.length > 0) {
    const parts: string[] = [];
    if (bad > 0) {
      const names = [...new Set(v.failedChecks.map((r) => r.id))];
      const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, +${names.length - 5} more` : '');
      parts.push(`${bad} of ${v.counts.total - v.counts.skip} checks failed (${shown})`);
    }
    if (failedGates.length > 0)
      parts.push(
        `gate${failedGates.length > 1 ? 's' : ''} failed: ${failedGates.map((g) => `${g.metric} ${g.threshold}${g.target ? ` [${g.target}]` : ''}`).join(', ')}`,
      );
    for (const s of timedOut) parts.push(`stage ${s.name} [${s.target}]: ${s.error ?? 'error'}`);
    return { verdict: 'fail', exitCode: 1, headline: `FAIL: ${parts.join('; ')}` };
  }
  return {
    verdict: 'pass',
    exitCode: 0,
    headline: `PASS: ${v.counts.pass} checks passed${v.counts.skip ? `, ${v.counts.skip} skipped` : ''}${gatesText}`,
  };
}
