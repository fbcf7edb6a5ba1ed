/**
 * Confidence intervals for pass rates and for differences between groups: the Wilson score interval
 * for a proportion (statsmodels' `proportion_confint(method='wilson')`) and a seeded percentile
 * bootstrap for any statistic of one or two samples. Pure maths, no I/O.
 */
import { mulberry32 } from './random.js';
import { percentileSorted } from './stats.js';

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  /** Resamples drawn; 2000 keeps the 2.5% tail estimate within about a percentage point. */
  iterations?: number;
  /** Same seed, same interval: CI verdicts must not flip between runs of unchanged outputs. */
  seed?: number;
  confidence?: number;
}

/** A seeded uniform generator in [0, 1) (the shared mulberry32). */
export const seededRandom = mulberry32;

// Wichura's AS241 (PPND16; coefficients as published, rounded to the nearest double): about 1e-16
// relative accuracy, enough to match scipy's norm.ppf to 1e-9
// for any confidence level a user writes, not just the tabulated 1.959963984540054.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function poly(c: number[], x: number): number {
  let y = 0;
  for (let i = c.length - 1; i >= 0; i--) y = y * x + (c[i] as number);
  return y;
}

/** The standard normal quantile: x with P(Z <= x) = p (scipy's `norm.ppf`). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

/** Wilson score interval for `successes` out of `n` (n = 0: NaN estimate, the whole [0, 1]). */
export function wilson(successes: number, n: number, confidence = 0.95): Interval {
  if (n <= 0) return { estimate: Number.NaN, low: 0, high: 1 };
  const p = successes / n;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Clipped like statsmodels: rounding can push an end a hair past 0 or 1 at p = 0 or 1.
  return { estimate: p, low: clamp01(centre - half), high: clamp01(centre + half) };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** The arithmetic mean (NaN for no values). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function resample(values: readonly number[], rand: () => number, out: number[]): number[] {
  for (let i = 0; i < values.length; i++) out[i] = values[Math.floor(rand() * values.length)] as number;
  return out;
}

function percentileInterval(estimate: number, draws: number[], confidence: number): Interval {
  // Statistics undefined on a resample (NaN) are dropped rather than poisoning the sort.
  const sorted = draws.filter((d) => !Number.isNaN(d)).sort((x, y) => x - y);
  if (sorted.length === 0) return { estimate, low: Number.NaN, high: Number.NaN };
  const tail = ((1 - confidence) / 2) * 100;
  return { estimate, low: percentileSorted(sorted, tail), high: percentileSorted(sorted, 100 - tail) };
}

/**
 * Percentile bootstrap interval of `statistic(a, b)`, resampling each sample independently with
 * replacement; empty samples give NaN everywhere.
 */
export function bootstrapPairCI(
  a: readonly number[],
  b: readonly number[],
  statistic: (a: readonly number[], b: readonly number[]) => number,
  { iterations = 2000, seed = 1, confidence = 0.95 }: BootstrapOptions = {},
): Interval {
  if (a.length === 0 || b.length === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const rand = seededRandom(seed);
  const ra: number[] = new Array(a.length);
  const rb: number[] = new Array(b.length);
  const draws: number[] = new Array(iterations);
  for (let i = 0; i < iterations; i++) draws[i] = statistic(resample(a, rand, ra), resample(b, rand, rb));
  return percentileInterval(statistic(a, b), draws, confidence);
}

/** Percentile bootstrap interval of stat(a) − stat(b) (default stat: the mean). */
export function bootstrapDiffCI(
  a: readonly number[],
  b: readonly number[],
  stat: (values: readonly number[]) => number = mean,
  options: BootstrapOptions = {},
): Interval {
  return bootstrapPairCI(a, b, (x, y) => stat(x) - stat(y), options);
}

/** Percentile bootstrap interval of stat(values) for one sample (default stat: the mean). */
export function bootstrapCI(
  values: readonly number[],
  stat: (values: readonly number[]) => number = mean,
  { iterations = 2000, seed = 1, confidence = 0.95 }: BootstrapOptions = {},
): Interval {
  if (values.length === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const rand = seededRandom(seed);
  const r: number[] = new Array(values.length);
  const draws: number[] = new Array(iterations);
  for (let i = 0; i < iterations; i++) draws[i] = stat(resample(values, rand, r));
  return percentileInterval(stat(values), draws, confidence);
}
