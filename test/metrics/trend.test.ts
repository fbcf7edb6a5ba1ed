import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/metrics/histogram.js';
import { percentileSorted } from '../../src/metrics/stats.js';
import { EXACT_CAP, Trend } from '../../src/metrics/trend.js';

/** A deterministic, skewed latency-like sample (lognormal-ish via a fixed LCG). */
function sample(n: number, seed = 7): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const u = (x + 1) / 2 ** 31;
    out.push(Math.exp(3 + 0.8 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * ((i * 0.618) % 1))));
  }
  return out;
}

describe('Trend', () => {
  it('is exact (numpy linear) below the cap', () => {
    const values = sample(1000);
    const t = new Trend();
    for (const v of values) t.add(v);
    const sorted = [...values].sort((a, b) => a - b);
    expect(t.exact).toBe(true);
    for (const p of [50, 90, 99]) expect(t.percentile(p)).toBe(percentileSorted(sorted, p));
  });

  it('switches to HDR past the cap and stays within 0.1% of the exact percentiles', () => {
    const values = sample(EXACT_CAP * 5);
    const t = new Trend();
    for (const v of values) t.add(v);
    expect(t.exact).toBe(false);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [50, 90, 99, 99.9]) {
      const exact = percentileSorted(sorted, p);
      expect(Math.abs(t.percentile(p) - exact) / exact).toBeLessThan(0.002);
    }
    expect(t.count).toBe(values.length);
    expect(t.max).toBe(sorted.at(-1));
  });

  it('merges exact and histogram trends into one distribution', () => {
    const a = new Trend();
    const b = new Trend();
    const va = sample(500, 1);
    const vb = sample(EXACT_CAP + 10, 2);
    for (const v of va) a.add(v);
    for (const v of vb) b.add(v);
    const m = Trend.merge([a, b]);
    const sorted = [...va, ...vb].sort((x, y) => x - y);
    expect(m.count).toBe(sorted.length);
    expect(
      Math.abs(m.percentile(95) - percentileSorted(sorted, 95)) / percentileSorted(sorted, 95),
    ).toBeLessThan(0.002);
  });

  it('keeps negative samples exact rather than clamping them', () => {
    const t = new Trend();
    for (let i = 0; i < EXACT_CAP + 5; i++) t.add(i % 2 ? -1 : 1);
    expect(t.exact).toBe(true);
    expect(t.min).toBe(-1);
  });
});

describe('Histogram', () => {
  it('round-trips through compressed base64 and merges', () => {
    const h = new Histogram();
    for (const v of sample(5000)) h.record(v);
    const back = Histogram.decode(h.encode());
    expect(back.count).toBe(5000);
    expect(back.percentile(99)).toBe(h.percentile(99));
    back.merge(h);
    expect(back.count).toBe(10_000);
    expect(back.stats().p50).toBeCloseTo(h.stats().p50, 6);
  });
});
