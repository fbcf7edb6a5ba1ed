import { describe, expect, it } from 'vitest';
import { parseMetricSelector, parseThreshold } from '../../src/config/threshold.js';
import { MetricRegistry } from '../../src/metrics/registry.js';
import { evaluateGates } from '../../src/metrics/thresholds.js';

describe('k6-style thresholds', () => {
  it('parses the k6 forms', () => {
    expect(parseThreshold('p(95)<500')).toMatchObject({
      aggregation: 'p(95)',
      percentile: 95,
      op: '<',
      limit: 500,
    });
    expect(parseThreshold('rate >= 0.99')).toMatchObject({ aggregation: 'rate', op: '>=', limit: 0.99 });
    expect(parseThreshold('p(99.9)<=1e-3')).toMatchObject({ percentile: 99.9, limit: 0.001 });
    expect(parseThreshold('p95<3')).toMatch(/expected a threshold/);
    expect(parseThreshold('p(150)<3')).toMatch(/between 0 and 100/);
    expect(parseMetricSelector('checks{target:canary, stage:smoke}')).toMatchObject({
      metric: 'checks',
      tags: { target: 'canary', stage: 'smoke' },
    });
    expect(parseMetricSelector('bad name')).toMatch(/expected a metric name/);
  });
});

describe('gates', () => {
  const registry = () => {
    const m = new MetricRegistry();
    for (const [target, values] of [
      ['stable', [1, 1, 1, 1]],
      ['canary', [1, 0, 1, 1]],
    ] as const) {
      for (const v of values)
        m.add({ name: 'checks', kind: 'rate', value: v, tags: { target, stage: 'smoke' } });
    }
    for (const v of [100, 200, 300, 400, 1000])
      m.add({ name: 'smoke.latency_ms', kind: 'trend', value: v, tags: { target: 'stable' } });
    m.add({ name: 'launch.startup_ms', kind: 'gauge', value: 1200, tags: { target: 'stable' } });
    return m;
  };

  it('judges each target on its own', () => {
    const results = evaluateGates({ checks: ['rate==1'] }, registry(), { filtered: false });
    expect(results.map((r) => [r.target, r.status, r.observed])).toEqual([
      ['stable', 'pass', 1],
      ['canary', 'fail', 0.75],
    ]);
    expect(results[1]?.message).toContain('[canary] rate = 0.75 (limit == 1, 4 samples) FAILED');
  });

  it('filters sub-metrics by tag', () => {
    const [r] = evaluateGates({ 'checks{target:stable}': ['rate>0.9'] }, registry(), { filtered: false });
    expect(r).toMatchObject({ status: 'pass', observed: 1 });
  });

  it('computes percentiles and gauge values', () => {
    const results = evaluateGates(
      { 'smoke.latency_ms': ['p(95)<800', 'max<2000'], 'launch.startup_ms': ['value<30000'] },
      registry(),
      { filtered: false },
    );
    expect(results.map((r) => r.status)).toEqual(['fail', 'pass', 'pass']);
    // numpy.percentile([100, 200, 300, 400, 1000], 95) == 879.9999999999999
    expect(results[0]?.observed).toBe(879.9999999999999);
    expect(results.slice(1).map((r) => r.observed)).toEqual([1000, 1200]);
  });

  it('fails a gate with no data (naming the closest metric) unless the run was filtered', () => {
    const [r] = evaluateGates({ 'smoke.latncy_ms': ['p(95)<800'] }, registry(), { filtered: false });
    expect(r?.status).toBe('fail');
    expect(r?.message).toContain('Did you mean "smoke.latency_ms"?');
    expect(evaluateGates({ nothing: ['max<1'] }, registry(), { filtered: true })[0]?.status).toBe('skip');
  });

  it('refuses an aggregation that does not fit the metric kind', () => {
    const [r] = evaluateGates({ 'smoke.latency_ms': ['rate<0.1'] }, registry(), { filtered: false });
    expect(r).toMatchObject({ status: 'fail' });
    expect(r?.message).toContain('rate does not apply to smoke.latency_ms, a trend metric');
  });

  it('keeps only abortOnFail gates when asked', () => {
    const r = evaluateGates(
      { checks: ['rate==1', { threshold: 'rate>0.5', abortOnFail: true }] },
      registry(),
      { filtered: false, abortOnly: true },
    );
    expect(r.every((g) => g.abortOnFail)).toBe(true);
    expect(r).toHaveLength(2);
  });
});
