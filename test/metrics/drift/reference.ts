/** The checked-in output of test/fixtures/reference/drift/make_reference.py, and the tolerances. */
import { readFileSync } from 'node:fs';

export interface DriftReference {
  versions: Record<string, string>;
  slices: Record<string, { of: string; end: number }>;
  /** Datasets made of runs of one value: [[value, times], ...]. */
  repeats: Record<string, [number, number][]>;
  ks: { ref: string; cur: string; statistic: number; pValue: number; mode: 'exact' | 'asymp' }[];
  kstwoSf: { n: number; x: number; sf: number }[];
  chiSquare: { ref: number[]; cur: number[]; statistic: number; pValue: number; dof: number }[];
  categories: {
    ref: string[];
    cur: string[];
    categories: string[];
    refCounts: number[];
    curCounts: number[];
    other: number;
    statistic: number;
    pValue: number;
  };
  chi2Sf: { x: number; df: number; sf: number }[];
  normalSf: { z: number; sf: number }[];
  zTest: { ref: number[]; cur: number[]; statistic: number; pValue: number }[];
  wasserstein: { ref: string; cur: string; distance: number; std: number; normed: number }[];
  distributions: {
    p: number[];
    q: number[];
    jensenShannon: number;
    jensenShannonBase2: number;
    kl: number;
    psi: number;
    lInfinity: number;
  }[];
  anderson: { samples: string[]; statistic: number; pValue: number; criticalValues: number[] }[];
  bins: {
    ref: string;
    bins: number;
    method: 'quantile' | 'uniform';
    inner: number[];
    counts: Record<string, number[]>;
    psi: number;
    /** Base e (scipy's default); jensenShannonBase2 is Evidently's base. */
    jensenShannon: number;
    jensenShannonBase2: number;
    kl: number;
    lInfinity: number;
    chiSquare: { statistic: number; pValue: number };
  }[];
  corrections: { pValues: number[]; bonferroni: number[]; benjaminiHochberg: number[] }[];
}

function fixture<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/reference/drift/${file}`, import.meta.url), 'utf8'));
}

export const reference = fixture<DriftReference>('reference.json');
const datasets = fixture<Record<string, number[]>>('datasets.json');

/** A named dataset of the fixture (or a stored slice of one). */
export function data(name: string): number[] {
  const runs = reference.repeats[name];
  if (runs) return runs.flatMap(([value, times]) => new Array<number>(times).fill(value));
  const slice = reference.slices[name];
  if (slice) return (datasets[slice.of] as number[]).slice(0, slice.end);
  const values = datasets[name];
  if (!values) throw new Error(`no dataset ${name} in datasets.json`);
  return values;
}

/** Statistics: within 1e-9 of the expected value, relative (so an expected 0 must come out exactly 0). */
export const STAT_REL = 1e-9;
/** p-values: within 1e-6 absolute, the "p-values to 1e-6" read on the [0, 1] scale p-values live on. */
export const P_ABS = 1e-6;

/** |actual - expected| <= rel * |expected|. */
export function relClose(actual: number, expected: number, rel = STAT_REL): boolean {
  return Math.abs(actual - expected) <= rel * Math.abs(expected);
}

/** What a failed comparison prints: both values and both errors. */
export function describeMiss(actual: number, expected: number): string {
  return `got ${actual}, want ${expected} (abs ${Math.abs(actual - expected)}, rel ${Math.abs(actual - expected) / Math.abs(expected)})`;
}
