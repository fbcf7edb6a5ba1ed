/**
 * The decision rule of a comparison. A metric is regressed or improved when its difference is significant at
 * alpha after Holm's correction across the metrics compared AND its effect passes a practical minimum;
 * unchanged when the whole interval of the effect lies inside the practical band (a difference too small to
 * matter, even if a large sample makes it "significant"); inconclusive otherwise (too few samples, an
 * interval wider than the band). Pure maths, no I/O.
 */
import { holm } from './tests.js';

export type CompareVerdict = 'regressed' | 'improved' | 'unchanged' | 'inconclusive';
export type Direction = 'lower' | 'higher';

/** One tested metric before the decision: its p-value, effect (current - base) and interval on the effect. */
export interface Tested {
  p: number;
  effect: number;
  low: number;
  high: number;
  /** The smallest |effect| that matters, in the effect's unit. */
  practical: number;
  direction: Direction;
  /** Set when the data cannot support a verdict (e.g. too few samples): forces inconclusive. */
  insufficient?: boolean;
}

export interface Decided {
  verdict: CompareVerdict;
  /** Holm-adjusted p-value (NaN when untested). */
  adjustedP: number;
}

/** Decides every metric together (Holm's correction runs across all tested p-values). */
export function decide(tested: readonly Tested[], alpha: number): Decided[] {
  const idx = tested
    .map((_, i) => i)
    .filter((i) => Number.isFinite(tested[i]?.p) && !tested[i]?.insufficient);
  const adjusted = holm(idx.map((i) => tested[i]?.p as number));
  const adj = new Map(idx.map((i, k) => [i, adjusted[k] as number]));
  return tested.map((t, i) => {
    const adjustedP = adj.get(i) ?? Number.NaN;
    if (t.insufficient || !Number.isFinite(adjustedP)) return { verdict: 'inconclusive', adjustedP };
    if (adjustedP < alpha && Math.abs(t.effect) >= t.practical) {
      const worse = t.direction === 'lower' ? t.effect > 0 : t.effect < 0;
      return { verdict: worse ? 'regressed' : 'improved', adjustedP };
    }
    if (t.low > -t.practical && t.high < t.practical) return { verdict: 'unchanged', adjustedP };
    return { verdict: 'inconclusive', adjustedP };
  });
}
