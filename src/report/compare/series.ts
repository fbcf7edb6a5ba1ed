/**
 * What a stored run offers to a comparison: latency distributions from the load stages' HDR histograms
 * (artifacts `load.<level>` in results.jsonl), success counts per load level, and eval outcomes per case
 * (`case` events), each keyed so the same series can be found in another run or for another target.
 */
import { fromEncodedHistogram, type Weighted } from '../../metrics/compare/weighted.js';
import type { StoredRun } from './runs.js';

/**
 * Latency metrics compared (lower is better). Others stored (schedule lag, ...) describe the generator. ITL is
 * left out: it is measured per chunk, so its median jumps between "chunks arrived together" (~0 ms) and one
 * token time as the network coalesces reads differently from run to run, which flagged same-configuration
 * runs; TPOT measures the same per-token speed per request and stays stable.
 */
export const COMPARED_LATENCIES = ['ttft', 'tpot', 'e2e'] as const;

interface SeriesBase {
  /** Stage, level and metric: the same for one series in two runs or for two targets of one run. */
  key: string;
  target: string;
  stage: string;
  metric: string;
  level?: string;
}

export type Series =
  | (SeriesBase & { kind: 'distribution'; dist: Weighted })
  | (SeriesBase & { kind: 'proportion'; successes: number; n: number })
  | (SeriesBase & { kind: 'paired'; outcomes: Map<string, boolean> });

interface LoadArtifact {
  histograms?: Record<string, string>;
  counts?: { measured?: number; ok?: number };
}

/** Every comparable series of a run, optionally only those of one target. */
export function extractSeries(run: StoredRun, target?: string): Series[] {
  const out: Series[] = [];
  const cases = new Map<string, Series & { kind: 'paired' }>();
  for (const e of run.events) {
    if (target !== undefined && 'target' in e && e.target !== target) continue;
    if (e.type === 'artifact' && e.name.startsWith('load.')) {
      const level = e.name.slice('load.'.length);
      const data = e.data as LoadArtifact;
      for (const metric of COMPARED_LATENCIES) {
        const encoded = data.histograms?.[metric];
        if (!encoded) continue;
        const dist = fromEncodedHistogram(encoded);
        out.push({
          kind: 'distribution',
          key: `${e.stage} ${level} ${metric}`,
          target: e.target,
          stage: e.stage,
          level,
          metric,
          dist,
        });
      }
      const n = data.counts?.measured ?? 0;
      if (n > 0) {
        out.push({
          kind: 'proportion',
          key: `${e.stage} ${level} success_rate`,
          target: e.target,
          stage: e.stage,
          level,
          metric: 'success_rate',
          successes: data.counts?.ok ?? 0,
          n,
        });
      }
    } else if (e.type === 'case') {
      const id = `${e.target}\u0000${e.stage}`;
      let s = cases.get(id);
      if (!s) {
        s = {
          kind: 'paired',
          key: `${e.stage} pass_rate`,
          target: e.target,
          stage: e.stage,
          metric: 'pass_rate',
          outcomes: new Map(),
        };
        cases.set(id, s);
        out.push(s);
      }
      s.outcomes.set(`${e.result.id}#${e.result.repeat}`, e.result.pass);
    }
  }
  return out;
}
