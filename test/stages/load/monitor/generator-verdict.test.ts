import { describe, expect, it } from 'vitest';
import { type GeneratorFigures, judgeGenerator } from '../../../../src/stages/load/monitor/index.js';

const calm: GeneratorFigures = {
  loopLagP99Ms: 1.2,
  cpuPeakPct: 60,
  eluMean: 0.3,
  intervals: 20,
  cpuHotIntervals: 0,
  eluHotIntervals: 0,
};

describe('judgeGenerator', () => {
  it('passes a generator with headroom', () => {
    expect(judgeGenerator(calm)).toEqual({ saturated: false, reasons: [] });
  });

  it('names loop lag over the limit with its number', () => {
    const verdict = judgeGenerator({ ...calm, loopLagP99Ms: 47.4 });
    expect(verdict).toEqual({
      saturated: true,
      reasons: [
        'event-loop lag p99 47 ms > 20 ms: timing figures are unreliable; lower the rate or use more workers',
      ],
    });
  });

  it('lets lag at the limit pass', () => {
    expect(judgeGenerator({ ...calm, loopLagP99Ms: 20 }).saturated).toBe(false);
  });

  it('flags CPU only when more than a quarter of the intervals were hot', () => {
    expect(judgeGenerator({ ...calm, cpuHotIntervals: 5, cpuPeakPct: 140 }).saturated).toBe(false);
    const verdict = judgeGenerator({ ...calm, cpuHotIntervals: 6, cpuPeakPct: 140 });
    expect(verdict.saturated).toBe(true);
    expect(verdict.reasons).toEqual([
      'CPU above 90% of a core in 6 of 20 intervals (peak 140%): the generator is CPU-bound and timing ' +
        'figures are unreliable; lower the rate or use more workers',
    ]);
  });

  it('flags a busy event loop and lists every limit exceeded', () => {
    const verdict = judgeGenerator({ ...calm, loopLagP99Ms: 25, eluHotIntervals: 12, eluMean: 0.874 });
    expect(verdict.reasons).toHaveLength(2);
    expect(verdict.reasons[1]).toBe(
      'event-loop utilisation above 0.9 in 12 of 20 intervals (run mean 0.87): responses wait to be read, ' +
        'so timing figures are unreliable; lower the rate or use more workers',
    );
  });

  it('judges nothing on a run without intervals', () => {
    expect(judgeGenerator({ ...calm, intervals: 0 }).saturated).toBe(false);
  });
});
