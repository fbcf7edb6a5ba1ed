/**
 * The significance tests of a run comparison: Mann-Whitney U on weighted values (latency histograms),
 * McNemar on paired case outcomes, a two-proportion z-test for unpaired rates, and Holm's correction.
 * Checked against scipy in test/fixtures/reference/compare. Pure maths, no I/O.
 */
import { chiSquareSf, lgamma, normalSf } from '../drift/gamma.js';
import type { Weighted } from './weighted.js';

export interface MannWhitney {
  /** U of the first sample (scipy's `statistic`). */
  u: number;
  /** Two-sided p-value, normal approximation with tie and continuity correction (scipy 'asymptotic'). */
  p: number;
}

/** Mann-Whitney U of x against y, both given as weighted values, as scipy.stats.mannwhitneyu(x, y, method='asymptotic'). */
export function mannWhitney(x: Weighted, y: Weighted): MannWhitney {
  const n1 = x.total;
  const n2 = y.total;
  if (n1 === 0 || n2 === 0) return { u: Number.NaN, p: Number.NaN };
  let i = 0;
  let j = 0;
  let below = 0;
  let r1 = 0;
  let ties = 0;
  while (i < x.values.length || j < y.values.length) {
    const vx = i < x.values.length ? (x.values[i] as number) : Number.POSITIVE_INFINITY;
    const vy = j < y.values.length ? (y.values[j] as number) : Number.POSITIVE_INFINITY;
    const v = Math.min(vx, vy);
    const cx = vx === v ? (x.counts[i++] as number) : 0;
    const cy = vy === v ? (y.counts[j++] as number) : 0;
    const t = cx + cy;
    r1 += cx * (below + (t + 1) / 2);
    ties += t * t * t - t;
    below += t;
  }
  const n = n1 + n2;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u = Math.max(u1, n1 * n2 - u1);
  const mu = (n1 * n2) / 2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (s === 0) return { u: u1, p: 1 };
  const z = (u - mu - 0.5) / s;
  return { u: u1, p: Math.min(1, 2 * normalSf(z)) };
}

export interface McNemar {
  /** Pairs that passed in the first run and failed in the second. */
  b: number;
  /** Pairs that failed in the first run and passed in the second. */
  c: number;
  /** Exact binomial two-sided p-value on the discordant pairs. */
  exact: number;
  /** Mid-p: the exact p-value less the probability of the observed table (less conservative). */
  midP: number;
  /** Chi-square statistic with continuity correction, and its p-value (1 df). */
  chi2: number;
  chi2P: number;
}

const logBinomHalf = (k: number, n: number) =>
  lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) - n * Math.LN2;

/** McNemar's test on the discordant counts b and c of paired outcomes. */
export function mcnemar(b: number, c: number): McNemar {
  const n = b + c;
  if (n === 0) return { b, c, exact: 1, midP: 1, chi2: 0, chi2P: 1 };
  const k = Math.min(b, c);
  let cdf = 0;
  for (let i = 0; i <= k; i++) cdf += Math.exp(logBinomHalf(i, n));
  const pk = Math.exp(logBinomHalf(k, n));
  const exact = Math.min(1, 2 * cdf);
  const midP = Math.min(1, 2 * cdf - pk);
  const chi2 = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, exact, midP, chi2, chi2P: chiSquareSf(chi2, 1) };
}

export interface TwoProportion {
  z: number;
  p: number;
  /** p2 - p1. */
  diff: number;
}

/** Two-proportion z-test (pooled variance), two-sided: is x2/n2 different from x1/n1? */
export function twoProportion(x1: number, n1: number, x2: number, n2: number): TwoProportion {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, p: p1 === p2 ? 1 : 0, diff: p2 - p1 };
  const z = (p2 - p1) / se;
  return { z, p: Math.min(1, 2 * normalSf(Math.abs(z))), diff: p2 - p1 };
}

/** Holm's step-down adjusted p-values (statsmodels multipletests method='holm'), in input order. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const out: number[] = new Array(m);
  let running = 0;
  order.forEach((idx, r) => {
    running = Math.max(running, Math.min(1, (m - r) * (pValues[idx] as number)));
    out[idx] = running;
  });
  return out;
}
