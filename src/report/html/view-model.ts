/**
 * What the page draws, shaped from the summary and the artifacts: load series and latency CDFs (decoded
 * from the HDR histograms here, so the page gets a few hundred points, never raw samples), chaos windows,
 * data profiles (pre-aggregated histograms) and drift scores. Everything else stays out of the file.
 */
import { Histogram } from '../../metrics/histogram.js';
import type { RunSummary } from '../../run/summary.js';
import type { ArtifactEvent } from './cases.js';

const CDF_PERCENTILES = [
  0, 1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99, 99.5, 99.9, 99.99, 100,
];

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Latency at each of CDF_PERCENTILES (null where the histogram is empty or unreadable). */
function cdf(base64: unknown): (number | null)[] {
  if (typeof base64 !== 'string') return [];
  try {
    const h = Histogram.decode(base64);
    return CDF_PERCENTILES.map((p) => {
      const v = h.percentile(p);
      return Number.isFinite(v) ? v : null;
    });
  } catch {
    return [];
  }
}

function loadLevel(a: ArtifactEvent) {
  const d = isRec(a.data) ? a.data : {};
  const hist = isRec(d.histograms) ? d.histograms : {};
  const stats = isRec(d.stats) ? d.stats : {};
  const counts = isRec(d.counts) ? d.counts : {};
  const windowS = typeof d.windowS === 'number' && d.windowS > 0 ? d.windowS : 1;
  const measured = typeof counts.measured === 'number' ? counts.measured : 0;
  return {
    stage: a.stage,
    target: a.target,
    label: a.name.slice('load.'.length),
    timeline: Array.isArray(d.timeline) ? d.timeline : [],
    cdfs: Object.fromEntries(Object.entries(hist).map(([k, v]) => [k, cdf(v)])),
    stats,
    requestsPerS: measured / windowS,
  };
}

function chaos(a: ArtifactEvent) {
  const d = isRec(a.data) ? a.data : {};
  return {
    stage: a.stage,
    target: a.target,
    windows: Array.isArray(d.windows) ? d.windows : [],
    faults: Array.isArray(d.faults) ? d.faults : [],
    recoveryMs: d.recoveryMs ?? null,
  };
}

function profile(a: ArtifactEvent) {
  const d = isRec(a.data) ? a.data : {};
  const columns = Array.isArray(d.columns) ? d.columns.filter(isRec) : [];
  return {
    stage: a.stage,
    target: a.target,
    table: a.name.slice('profile:'.length),
    rows: d.rows ?? null,
    columns: columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      nullFraction: c.nullFraction,
      histogram: isRec(c.numeric) ? (c.numeric.histogram ?? null) : null,
      top: Array.isArray(c.top) ? c.top.slice(0, 20) : null,
    })),
  };
}

/** The data the page needs, small enough to embed as JSON. */
export function buildViewModel(summary: RunSummary, artifacts: readonly ArtifactEvent[]) {
  const load = artifacts
    .filter((a) => a.name.startsWith('load.') && a.name !== 'load.monitors')
    .map(loadLevel);
  return {
    summary: {
      runId: summary.runId,
      suite: summary.suite,
      startedAt: summary.startedAt,
      durationMs: summary.durationMs,
      complete: summary.complete,
      incompleteReason: summary.incompleteReason ?? null,
      verdict: summary.verdict,
      exitCode: summary.exitCode,
      headline: summary.headline,
      counts: summary.counts,
      stages: summary.stages,
      gates: summary.gates,
      checks: summary.checks,
      tables: summary.tables,
      error: summary.error ?? null,
    },
    percentiles: CDF_PERCENTILES,
    load,
    chaos: artifacts.filter((a) => a.name === 'chaos.timeline').map(chaos),
    profiles: artifacts.filter((a) => a.name.startsWith('profile:')).map(profile),
    drift: summary.metrics
      .filter((m) => m.name === 'data.drift.score')
      .map((m) => ({
        drift: m.tags.drift,
        column: m.tags.column,
        method: m.tags.method,
        score: m.values.value,
      })),
  };
}

export type ViewModel = ReturnType<typeof buildViewModel>;
