/**
 * The chaos stage: Gauntlet's fault proxy goes in front of the target, a steady stream of requests runs
 * through it, faults come and go on a schedule, and the steady-state hypothesis is judged in every window:
 * before any fault (the baseline), while faults are active (graceful degradation), and after the last one
 * is removed, with the time the target took to recover. Chaos Toolkit checks only before and after;
 * judging every window is what shows the violation and its length.
 */
import type { Fault } from '../../config/faults.js';
import { startFaultProxy } from '../../serve/proxy/index.js';
import type { Stage, StageContext } from '../types.js';
import { plannedSpans, type ScheduledFault, startSchedule } from './schedule.js';
import { makeSender, runTraffic, throughProxy } from './traffic.js';
import { chaosChecks } from './verdict.js';
import { judgeWindows, planWindows, recoveryTime } from './windows.js';

/** Baseline plus the experiment, stretched so the recovery after the last fault can be seen in full. */
export function runLength(stage: StageContext<'chaos'>['stage']): number {
  const spans = plannedSpans(stage.faults as ScheduledFault[], stage.baseline);
  const lastEnd = Math.max(...spans.map((s) => s.end));
  return Math.max(stage.baseline + stage.duration, lastEnd + stage.recoveryWithin + stage.window);
}

export const chaosStage: Stage<'chaos'> = {
  kind: 'chaos',
  description: 'faults injected through a proxy while the steady state is judged before, during and after',
  async run(ctx) {
    const s = ctx.stage;
    const upstream = new URL(ctx.target.baseUrl).origin;
    const faults = s.faults as ScheduledFault[];
    const total = runLength(s);
    const proxy = await startFaultProxy({ upstream, seed: 1 });
    ctx.log('info', `fault proxy ${proxy.url} → ${upstream}; ${s.rate} requests/s for ${total / 1000} s`);
    try {
      const { send, close } = makeSender(ctx, throughProxy(ctx.target.baseUrl, proxy.url));
      const t0 = performance.now();
      const schedule = startSchedule(proxy, faults, s.baseline, t0);
      let traffic: Awaited<ReturnType<typeof runTraffic>>;
      try {
        traffic = await runTraffic(ctx, send, total);
      } finally {
        schedule.stop();
        await close();
      }
      const samples = traffic.outcomes.map((o) => ({
        at: (o.intendedAt ?? o.sentAt) - t0,
        ok: o.ok,
        ttftMs: o.ttftMs,
        e2eMs: o.e2eMs,
        error: o.error ? `${o.error.class}${o.error.status ? ` ${o.error.status}` : ''}` : undefined,
      }));
      // Windows follow the planned fault times (exact edges); the timers' few ms of lateness are reported
      // in the timeline's fault spans, not allowed to shift every window.
      const windows = judgeWindows(
        planWindows(total, s.baseline, s.window, plannedSpans(faults, s.baseline)),
        samples,
        traffic.dropped.map((t) => t - t0),
        s.steadyState,
      );
      const removedAt = Math.max(...plannedSpans(faults, s.baseline).map((f) => f.end));
      const recoveryMs = recoveryTime(windows, removedAt);
      for (const o of samples) {
        const phase = windows.find((w) => o.at >= w.start && o.at < w.end)?.phase ?? 'recovery';
        ctx.metric('chaos.errors', 'rate', o.ok ? 0 : 1, { phase });
        if (o.ok && o.e2eMs !== undefined) ctx.metric('chaos.e2e', 'trend', o.e2eMs, { phase });
        if (o.ok && o.ttftMs !== undefined) ctx.metric('chaos.ttft', 'trend', o.ttftMs, { phase });
      }
      ctx.artifact('chaos.timeline', {
        windows,
        faults: schedule.spans,
        proxy: proxy.stats(),
        recoveryMs,
      });
      await chaosChecks(ctx, {
        windows,
        samples,
        spans: schedule.spans,
        removedAt,
        recoveryMs,
        upstream,
        faults: faults.map(({ at: _a, duration: _d, ...f }) => f as Fault),
      });
    } finally {
      await proxy.close();
    }
  },
};
