import { describe, expect, it } from 'vitest';
import { staticLevels, sweepLevels, sweepRates } from '../../../src/stages/load/levels.js';

describe('load levels', () => {
  it('a list of concurrencies or rates is one labelled level each', () => {
    expect(staticLevels({ type: 'concurrency', concurrency: [1, 5] })).toEqual([
      { label: 'c1', profile: { type: 'concurrency', concurrency: 1 } },
      { label: 'c5', profile: { type: 'concurrency', concurrency: 5 } },
    ]);
    expect(staticLevels({ type: 'rate', rate: 2.5 })).toEqual([
      { label: 'r2.5', profile: { type: 'rate', rate: 2.5 } },
    ]);
    expect(staticLevels({ type: 'synchronous' })).toEqual([
      { label: 'sync', profile: { type: 'synchronous' } },
    ]);
  });

  it('a sweep starts with synchronous and throughput, and learns its rates afterwards', () => {
    expect(staticLevels({ type: 'sweep', rates: 3, concurrency: 16 }).map((l) => l.label)).toEqual([
      'sync',
      'max',
    ]);
    expect(sweepLevels([2, 3.333333]).map((l) => l.label)).toEqual(['r2', 'r3.33']);
  });

  it('sweepRates: k rates evenly spaced strictly between the ends', () => {
    expect(sweepRates(1, 11, 4)).toEqual([3, 5, 7, 9]);
    expect(sweepRates(2, 5, 2)).toEqual([3, 4]);
    expect(sweepRates(11, 1, 4)).toEqual([3, 5, 7, 9]);
    expect(sweepRates(1, 2, 0)).toEqual([]);
    expect(() => sweepRates(1, Number.NaN, 3)).toThrow(RangeError);
    expect(() => sweepRates(1, 2, 1.5)).toThrow(RangeError);
  });
});
