import { describe, expect, it } from 'vitest';
import { StatsAccumulator } from '../../../src/target/launch/stats.js';

const MB = 1024 * 1024;

describe('StatsAccumulator', () => {
  it('reports peak, last and mean RSS in MiB and CPU over samples that have it', () => {
    const acc = new StatsAccumulator();
    acc.add({ processes: 1, rssBytes: 100 * MB });
    acc.add({ processes: 2, rssBytes: 300 * MB, cpuPct: 150 });
    acc.add({ processes: 2, rssBytes: 200 * MB, cpuPct: 50 });
    expect(acc.snapshot(412.5)).toEqual({
      startupMs: 412.5,
      samples: 3,
      rssPeakMb: 300,
      rssLastMb: 200,
      rssMeanMb: 200,
      cpuMeanPct: 100,
      cpuPeakPct: 150,
    });
  });

  it('does not count a sample of an empty tree, and is all zeros before any sample', () => {
    const acc = new StatsAccumulator();
    acc.add({ processes: 0, rssBytes: 0, cpuPct: 0 });
    expect(acc.snapshot(1)).toMatchObject({ samples: 0, rssMeanMb: 0, cpuMeanPct: 0, rssPeakMb: 0 });
  });

  it('carries an early exit', () => {
    const acc = new StatsAccumulator();
    expect(acc.snapshot(1, { code: 1, signal: null }).exitedEarly).toEqual({ code: 1, signal: null });
  });
});
