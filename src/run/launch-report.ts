/** What a run reports about its targets: the launched servers' gauges and each target's summary entry. */
import type { EventBus } from './bus.js';
import type { TargetSummary } from './summary.js';
import type { PreparedTarget, suiteTargets } from './targets.js';

/** Emits the current launch figures (startup, memory, CPU) of every launched target as gauges. */
export function emitLaunchGauges(prepared: readonly PreparedTarget[], bus: EventBus): void {
  for (const p of prepared) {
    if (!p.launched) continue;
    const st = p.launched.stats();
    const tags = { target: p.runtime.name };
    const gauge = (name: string, value: number) =>
      bus.emit({ type: 'metric', sample: { name, kind: 'gauge', value, tags } });
    gauge('launch.startup_ms', st.startupMs);
    if (st.samples > 0) {
      gauge('launch.rss_peak_mb', st.rssPeakMb);
      gauge('launch.rss_mean_mb', st.rssMeanMb);
      if (st.rssGrowthMb !== undefined) gauge('launch.rss_growth_mb', st.rssGrowthMb);
      gauge('launch.cpu_mean_pct', st.cpuMeanPct);
      gauge('launch.cpu_peak_pct', st.cpuPeakPct);
    }
  }
}

/** One summary entry per configured target, with what preflight and the launcher learned. */
export function targetSummaries(
  configs: ReturnType<typeof suiteTargets>,
  prepared: PreparedTarget[],
  urlOverride?: string,
): TargetSummary[] {
  return configs.map((c) => {
    const p = prepared.find((x) => x.runtime.name === c.name);
    const st = p?.launched?.stats();
    return {
      name: c.name,
      url: p?.runtime.baseUrl ?? urlOverride ?? c.baseUrl,
      model: c.model,
      ...(p?.runtime.info.serverVersion ? { serverVersion: p.runtime.info.serverVersion } : {}),
      ...(st
        ? {
            launch: {
              startupMs: st.startupMs,
              rssPeakMb: st.rssPeakMb,
              rssMeanMb: st.rssMeanMb,
              ...(st.rssGrowthMb === undefined ? {} : { rssGrowthMb: st.rssGrowthMb }),
              cpuMeanPct: st.cpuMeanPct,
              cpuPeakPct: st.cpuPeakPct,
              samples: st.samples,
              ...(st.exitedEarly ? { exitedEarly: st.exitedEarly } : {}),
            },
          }
        : {}),
    };
  });
}
