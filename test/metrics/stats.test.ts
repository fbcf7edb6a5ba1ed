import { describe, expect, it } from 'vitest';
import { percentileSorted, trendStats } from '../../src/metrics/stats.js';

// Reference values from numpy (test/fixtures/reference/percentiles.py).
describe('percentiles match numpy linear interpolation', () => {
  it('on a small integer sample', () => {
    const a = [15, 20, 35, 40, 50];
    expect([0, 40, 50, 90, 95, 99, 100].map((p) => percentileSorted(a, p))).toEqual([
      15, 29, 35, 46, 48, 49.6, 50,
    ]);
  });

  it('on an unsorted float sample via trendStats', () => {
    const s = trendStats([3.2, 1.5, 9.9, 4.4, 7.1, 2.2, 8.8, 5.0]);
    expect(s.med).toBeCloseTo(4.7, 10);
    expect(s.p90).toBeCloseTo(9.13, 10);
    expect(s.p95).toBeCloseTo(9.515, 10);
    expect(s.p99).toBeCloseTo(9.823, 10);
    expect(s.avg).toBeCloseTo(5.2625, 10);
    expect([s.min, s.max, s.count]).toEqual([1.5, 9.9, 8]);
  });

  it('is NaN on no samples rather than a made-up zero', () => {
    expect(percentileSorted([], 50)).toBeNaN();
    expect(trendStats([]).avg).toBeNaN();
  });
});
