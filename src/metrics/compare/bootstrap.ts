/**
 * A seeded bootstrap interval for the difference of a percentile between two weighted distributions
 * (current minus base). A resample's percentile is the r-th order statistic of n draws, i.e. the inverse
 * CDF at the r-th of n sorted uniforms, which is Beta(r, n - r + 1): for r and n - r past 30 it is drawn
 * from its normal approximation (one draw per resample, so 100k requests cost as little as 100), else
 * n draws are made bin by bin. Pure maths, no I/O.
 */
import { mulberry32 } from '../random.js';
import { type Weighted, weightedPercentile } from './weighted.js';

export interface PercentileDiff {
  /** percentile(current) - percentile(base). */
  diff: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

/** The percentile p (0..100) difference of current against base with a bootstrap interval. */
export function bootstrapPercentileDiff(
  base: Weighted,
  current: Weighted,
  p: number,
  options: BootstrapOptions = {},
): PercentileDiff {
  const { resamples = 2000, confidence = 0.99, seed = 1 } = options;
  const diff = weightedPercentile(current, p) - weightedPercentile(base, p);
  if (base.total === 0 || current.total === 0) return { diff, low: Number.NaN, high: Number.NaN };
  const rand = mulberry32(seed);
  const cumB = cumulative(base);
  const cumC = cumulative(current);
  const deltas: number[] = new Array(resamples);
  for (let r = 0; r < resamples; r++) {
    deltas[r] = resamplePercentile(current, cumC, p, rand) - resamplePercentile(base, cumB, p, rand);
  }
  deltas.sort((a, b) => a - b);
  const alpha = 1 - confidence;
  const at = (q: number) => deltas[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return { diff, low: at(alpha / 2), high: at(1 - alpha / 2) };
}

function cumulative(w: Weighted): Float64Array {
  const out = new Float64Array(w.counts.length);
  let c = 0;
  w.counts.forEach((n, i) => {
    c += n;
    out[i] = c;
  });
  return out;
}

/** The bin holding cumulative position u * total. */
function binAt(cum: Float64Array, at: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const NORMAL_FROM = 30;

/** The percentile p of one resample (n draws with replacement) of w. */
function resamplePercentile(w: Weighted, cum: Float64Array, p: number, rand: () => number): number {
  const m = w.total;
  const rank = Math.max(1, Math.ceil((p / 100) * m));
  if (rank >= NORMAL_FROM && m - rank + 1 >= NORMAL_FROM) {
    const mean = rank / (m + 1);
    const sd = Math.sqrt((rank * (m - rank + 1)) / ((m + 1) ** 2 * (m + 2)));
    const u = Math.min(1 - 1e-12, Math.max(0, mean + sd * gaussian(rand)));
    return w.values[binAt(cum, u * m)] as number;
  }
  const hits = new Uint32Array(w.values.length);
  for (let k = 0; k < m; k++) {
    const at = binAt(cum, rand() * m);
    hits[at] = (hits[at] as number) + 1;
  }
  let c = 0;
  for (let i = 0; i < hits.length; i++) {
    c += hits[i] as number;
    if (c >= rank) return w.values[i] as number;
  }
  return w.values[w.values.length - 1] as number;
}

/** A standard normal draw (Box-Muller) from the seeded generator. */
function gaussian(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
