import { describe, expect, it } from 'vitest';
import {
  brierScore,
  expectedCalibrationError,
  maxCalibrationError,
  reliabilityTable,
} from '../../../src/metrics/model/index.js';
import { expectClose, type ReliabilityRow, reference } from './reference.js';

function expectTable(got: ReturnType<typeof reliabilityTable>, want: ReliabilityRow[]): void {
  expect(got.map((b) => [b.bin, b.count])).toEqual(want.map((b) => [b.bin, b.count]));
  got.forEach((b, i) => {
    const w = want[i]!;
    expect([b.lower, b.upper]).toEqual([w.lower, w.upper]);
    expectClose(b.meanConfidence, w.meanConfidence, `bin ${b.bin} mean confidence`);
    expectClose(b.accuracy, w.accuracy, `bin ${b.bin} accuracy`);
    expectClose(b.gap, Math.abs(w.accuracy - w.meanConfidence), `bin ${b.bin} gap`);
  });
}

describe("calibration with 15 uniform bins matches sklearn's calibration_curve", () => {
  it.each(reference.binary.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const opts = { posLabel: c.posLabel };
    expectTable(reliabilityTable(c.yTrue, c.yScore, opts), c.reliability);
    expectClose(expectedCalibrationError(c.yTrue, c.yScore, opts), c.ece, 'ece');
    expectClose(maxCalibrationError(c.yTrue, c.yScore, opts), c.mce, 'mce');
    expectClose(brierScore(c.yTrue, c.yScore, opts), c.brier, 'brier');
  });

  it('puts a score on an inner edge in the lower bin and 0 in the first', () => {
    // 0.2 = 3/15 closes bin 2, (2/15, 3/15]; 0 opens bin 0.
    const table = reliabilityTable([1, 0, 1], [0.2, 0, 0.2000001]);
    expect(table.map((b) => [b.bin, b.count])).toEqual([
      [0, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it('scores perfect calibration 0', () => {
    expect(expectedCalibrationError([0, 0, 1, 1], [0, 0, 1, 1])).toBe(0);
    expect(maxCalibrationError([0, 0, 1, 1], [0, 0, 1, 1])).toBe(0);
  });
});

describe('calibration with other bin counts', () => {
  it.each(reference.calibrationBins.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const opts = { bins: c.bins };
    expectTable(reliabilityTable(c.yTrue, c.yScore, opts), c.reliability);
    expectClose(expectedCalibrationError(c.yTrue, c.yScore, opts), c.ece, 'ece');
    expectClose(maxCalibrationError(c.yTrue, c.yScore, opts), c.mce, 'mce');
  });

  it('refuses a bin count that is not a positive integer', () => {
    expect(() => reliabilityTable([0, 1], [0.1, 0.9], { bins: 0 })).toThrow(RangeError);
    expect(() => reliabilityTable([0, 1], [0.1, 0.9], { bins: 2.5 })).toThrow(RangeError);
  });
});
