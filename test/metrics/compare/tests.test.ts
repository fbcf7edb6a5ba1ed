import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootstrapPercentileDiff } from '../../../src/metrics/compare/bootstrap.js';
import { holm, mannWhitney, mcnemar, twoProportion } from '../../../src/metrics/compare/tests.js';
import { decide } from '../../../src/metrics/compare/verdict.js';
import {
  fromEncodedHistogram,
  fromSamples,
  type Weighted,
  weightedPercentile,
} from '../../../src/metrics/compare/weighted.js';
import { Histogram } from '../../../src/metrics/histogram.js';

interface Ref {
  mannWhitney: { x: Omit<Weighted, 'total'>; y: Omit<Weighted, 'total'>; u: number; p: number }[];
  mcnemar: { b: number; c: number; exact: number; midP: number; chi2: number; chi2P: number }[];
  twoProportion: { x1: number; n1: number; x2: number; n2: number; z: number; p: number }[];
  holm: { p: number[]; adjusted: number[] }[];
}

const ref: Ref = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/compare/reference.json', import.meta.url), 'utf8'),
);
const w = (d: Omit<Weighted, 'total'>): Weighted => ({ ...d, total: d.counts.reduce((a, b) => a + b, 0) });

describe('mannWhitney (scipy asymptotic, two-sided, continuity)', () => {
  it.each(ref.mannWhitney.map((c, i) => [i, c] as const))('case %i matches scipy', (_, c) => {
    const r = mannWhitney(w(c.x), w(c.y));
    expect(Math.abs(r.u - c.u)).toBeLessThan(1e-9 * Math.max(1, c.u));
    expect(Math.abs(r.p - c.p)).toBeLessThan(1e-6);
  });

  it('gives the same answer on raw samples as on their bins', () => {
    const c = ref.mannWhitney[1] as Ref['mannWhitney'][number];
    const expand = (d: Omit<Weighted, 'total'>) => d.values.flatMap((v, i) => Array(d.counts[i]).fill(v));
    const raw = mannWhitney(fromSamples(expand(c.x).reverse()), fromSamples(expand(c.y)));
    expect(fromSamples([3, 1, 2, 2])).toEqual({ values: [1, 2, 3], counts: [1, 2, 1], total: 4 });
    expect(raw.u).toBe(c.u);
    expect(Math.abs(raw.p - c.p)).toBeLessThan(1e-6);
  });
});

describe('mcnemar', () => {
  it.each(ref.mcnemar.map((c) => [c.b, c.c, c] as const))('b=%i c=%i matches scipy', (b, c, r) => {
    const m = mcnemar(b, c);
    expect(Math.abs(m.exact - r.exact)).toBeLessThan(1e-6);
    expect(Math.abs(m.midP - r.midP)).toBeLessThan(1e-6);
    expect(Math.abs(m.chi2 - r.chi2)).toBeLessThan(1e-9);
    expect(Math.abs(m.chi2P - r.chi2P)).toBeLessThan(1e-6);
  });
});

describe('twoProportion', () => {
  it.each(ref.twoProportion.map((c, i) => [i, c] as const))('case %i matches scipy', (_, c) => {
    const r = twoProportion(c.x1, c.n1, c.x2, c.n2);
    expect(Math.abs(r.z - c.z)).toBeLessThan(1e-9);
    expect(Math.abs(r.p - c.p)).toBeLessThan(1e-6);
  });
});

describe('holm', () => {
  it.each(ref.holm.map((c, i) => [i, c] as const))('case %i matches the step-down reference', (_, c) => {
    holm(c.p).forEach((p, i) => {
      expect(Math.abs(p - (c.adjusted[i] as number))).toBeLessThan(1e-12);
    });
  });
});

describe('weighted distributions from HDR histograms', () => {
  it('keeps counts and percentiles within the histogram precision', () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 10);
    const d = fromEncodedHistogram(h.encode());
    expect(d.total).toBe(1000);
    expect(weightedPercentile(d, 50)).toBeCloseTo(50, 1);
    expect(weightedPercentile(d, 95)).toBeCloseTo(95, 1);
  });
});

describe('bootstrapPercentileDiff', () => {
  const shifted = (shift: number) =>
    fromSamples(Array.from({ length: 2000 }, (_, i) => 20 + shift + ((i * 7919) % 1000) / 100));

  it('brackets a known shift of the median and is repeatable with a seed', () => {
    const a = bootstrapPercentileDiff(shifted(0), shifted(40), 50, { seed: 3 });
    expect(a.diff).toBeCloseTo(40, 6);
    expect(a.low).toBeLessThanOrEqual(40);
    expect(a.high).toBeGreaterThanOrEqual(40);
    expect(a.high - a.low).toBeLessThan(2);
    expect(bootstrapPercentileDiff(shifted(0), shifted(40), 50, { seed: 3 })).toEqual(a);
  });
});

describe('decide', () => {
  const base = { practical: 1, direction: 'lower' as const };
  it('needs significance and a practical effect to call a regression', () => {
    const [reg, small, wide, better] = decide(
      [
        { ...base, p: 1e-9, effect: 40, low: 39, high: 41 },
        { ...base, p: 1e-9, effect: 0.2, low: 0.1, high: 0.3 },
        { ...base, p: 0.2, effect: 0.5, low: -3, high: 4 },
        { ...base, p: 1e-9, effect: -5, low: -6, high: -4 },
      ],
      0.01,
    );
    expect(reg?.verdict).toBe('regressed');
    expect(small?.verdict).toBe('unchanged');
    expect(wide?.verdict).toBe('inconclusive');
    expect(better?.verdict).toBe('improved');
  });

  it('applies Holm across metrics: p=0.006 alone is significant, among three it is not', () => {
    const t = { ...base, p: 0.006, effect: 5, low: 4, high: 6 };
    expect(decide([t], 0.01)[0]?.verdict).toBe('regressed');
    const many = decide([t, { ...t, p: 0.5 }, { ...t, p: 0.6 }], 0.01);
    expect(many[0]?.verdict).toBe('inconclusive');
    expect(many[0]?.adjustedP).toBeCloseTo(0.018, 12);
  });
});
