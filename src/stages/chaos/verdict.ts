/**
 * What a chaos experiment concludes: three checks (steady before any fault, through the faults, and
 * recovered in time after them), the timeline as a table, and the figures as metrics for gates.
 */
import type { Fault } from '../../config/faults.js';
import { toCurl } from '../../target/index.js';
import type { CheckOutcome, StageContext } from '../types.js';
import { chatBody, proxyCommand } from './traffic.js';
import type { FaultSpan, JudgedWindow, WindowSample } from './windows.js';

const s1 = (ms: number) => (ms / 1000).toFixed(1);
const span = (w: { start: number; end: number }) => `${s1(w.start)}–${s1(w.end)} s`;

/** One line per failed window: when, what failed, and the errors seen. */
function describe(w: JudgedWindow): string {
  const classes = Object.entries(w.errorClasses)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ×${n}`)
    .join(', ');
  return `${span(w)}${w.faults.length ? ` [${w.faults.join(', ')}]` : ''}: ${w.violations.join('; ')}${classes ? ` (errors: ${classes})` : ''}`;
}

function judged(windows: JudgedWindow[], what: string, hint: string): CheckOutcome {
  const bad = windows.filter((w) => !w.holds);
  if (windows.length === 0) return { status: 'skip', message: `no ${what} window` };
  if (bad.length === 0)
    return { status: 'pass', message: `steady state held in all ${windows.length} ${what} windows` };
  return {
    status: 'fail',
    message: `steady state violated in ${bad.length} of ${windows.length} ${what} windows: ${bad
      .slice(0, 3)
      .map(describe)
      .join(' | ')}${bad.length > 3 ? ' | …' : ''}. ${hint}`,
    evidence: { details: { violations: bad } },
  };
}

export interface ChaosFindings {
  windows: JudgedWindow[];
  samples: WindowSample[];
  spans: FaultSpan[];
  removedAt: number;
  recoveryMs: number | null;
  upstream: string;
  faults: Fault[];
}

/** Emits the timeline table, the metrics and the three checks. */
export async function chaosChecks(ctx: StageContext<'chaos'>, f: ChaosFindings): Promise<void> {
  const s = ctx.stage;
  const { windows } = f;
  const violations = windows.filter((w) => !w.holds).length;
  ctx.metric('chaos.violation_windows', 'gauge', violations);
  if (f.recoveryMs !== null) ctx.metric('chaos.recovery_ms', 'gauge', f.recoveryMs);
  const num = (v: number | null) => (v === null ? '—' : Math.round(v));
  ctx.table(
    `chaos ${s.name}: ${s.rate} requests/s, windows of ${s.window / 1000} s`,
    [
      'window',
      'phase',
      'faults',
      'requests',
      'errors',
      'dropped',
      'e2e p95 ms',
      'ttft p95 ms',
      'steady state',
    ],
    windows.map((w) => [
      span(w),
      w.phase,
      w.faults.join(', '),
      w.requests,
      w.errors,
      w.dropped,
      num(w.e2eP95),
      num(w.ttftP95),
      w.holds ? 'holds' : `VIOLATED: ${w.violations.join('; ')}`,
    ]),
    [
      ...f.spans.map((x) => `fault ${x.name} (${x.type}) active ${span(x)}`),
      f.recoveryMs === null
        ? 'the steady state did not come back after the last fault'
        : `recovered ${s1(f.recoveryMs)} s after the last fault was removed (limit ${s1(s.recoveryWithin)} s)`,
    ],
  );
  // What a person runs to see the fault by hand: the proxy with the same faults, and one request through it.
  const listen = 'http://127.0.0.1:8474';
  const path = new URL(ctx.target.baseUrl).pathname.replace(/\/+$/, '');
  const reproduce = {
    curl: s.request
      ? toCurl({ method: s.request.method, url: `${listen}${path}${s.request.path}`, body: s.request.body })
      : toCurl({ method: 'POST', url: `${listen}${path}/chat/completions`, body: chatBody(ctx) }),
    details: { proxy: `${proxyCommand(f.upstream, f.faults)} --listen 127.0.0.1:8474` },
  };
  const withRepro = (o: CheckOutcome): CheckOutcome =>
    o.status === 'fail'
      ? { ...o, evidence: { ...reproduce, details: { ...reproduce.details, ...o.evidence?.details } } }
      : o;

  const labels = { tags: s.tags };
  await ctx.check(
    { id: 'chaos.baseline', name: 'steady state holds before any fault', ...labels },
    async () =>
      withRepro(
        judged(
          windows.filter((w) => w.phase === 'baseline'),
          'baseline',
          'The target is not steady without faults: fix that (or loosen the hypothesis) before judging chaos.',
        ),
      ),
  );
  await ctx.check(
    { id: 'chaos.during', name: 'steady state holds while faults are active', ...labels },
    async () => {
      const during = windows.filter((w) => w.phase === 'fault' || w.phase === 'steady');
      const outcome = judged(
        during,
        'experiment',
        'The target does not degrade gracefully under these faults: add retries, timeouts or a fallback, or loosen the tolerance.',
      );
      if (!s.judgeDuringFaults && outcome.status === 'fail') {
        // Reported, not judged: the advice on degrading gracefully does not apply to an intended outage.
        const seen = outcome.message.slice(0, outcome.message.lastIndexOf('. The target does not degrade'));
        return { status: 'skip', message: `not judged (judgeDuringFaults: false): ${seen}` };
      }
      return withRepro(outcome);
    },
  );
  await ctx.check(
    { id: 'chaos.recovery', name: `recovers within ${s1(s.recoveryWithin)} s after the faults`, ...labels },
    async () => {
      const after = windows.filter((w) => w.start >= f.removedAt);
      if (f.recoveryMs === null) {
        const last = after.at(-1);
        return withRepro({
          status: 'fail',
          message: `the steady state did not come back in the ${s1(after.reduce((n, w) => n + w.end - w.start, 0))} s after the last fault was removed${last ? `; last window ${describe(last)}` : ''}`,
          evidence: { details: { windows: after } },
        });
      }
      const message = `recovered ${s1(f.recoveryMs)} s after the last fault was removed (limit ${s1(s.recoveryWithin)} s, resolution one window of ${s1(s.window)} s)`;
      if (f.recoveryMs > s.recoveryWithin)
        return withRepro({ status: 'fail', message, evidence: { details: { windows: after } } });
      return { status: 'pass', message, metrics: { recovery_ms: f.recoveryMs } };
    },
  );
}
