import { describe, expect, it } from 'vitest';
import { LOG_LOSS_EPS, logLoss, multiclassLogLoss } from '../../../src/metrics/model/index.js';
import { expectClose, reference } from './reference.js';

describe('log loss matches sklearn 1.2 (eps = float64 epsilon, rows renormalised)', () => {
  it('clips with the eps the installed sklearn uses', () => {
    expect(LOG_LOSS_EPS).toBe(reference.logLossEps);
    expect(reference.versions.sklearn).toMatch(/^1\.2\./);
  });

  it.each(reference.binary.map((c) => [c.name, c] as const))('binary: %s', (_name, c) => {
    expectClose(logLoss(c.yTrue, c.yScore, { posLabel: c.posLabel }), c.logLoss, 'log loss');
  });

  const multi = reference.multiclass.filter((c) => c.yProba);
  it.each(multi.map((c) => [c.name, c] as const))('multiclass: %s', (_name, c) => {
    expectClose(multiclassLogLoss(c.yTrue, c.yProba!), c.logLoss!, 'log loss');
    expectClose(
      multiclassLogLoss(c.yTrue, c.yProba!, { labels: c.logLossLabels! }),
      c.logLoss!,
      'with labels',
    );
  });

  it('stays finite when the true class has probability 0', () => {
    const loss = logLoss([1, 0], [0, 1]);
    expect(loss).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(Number.isFinite(loss)).toBe(true);
  });

  it('scores perfect 0/1 probabilities at the clipping floor, not 0', () => {
    const c = reference.binary.find((b) => b.name.startsWith('perfect'))!;
    expect(logLoss(c.yTrue, c.yScore)).toBeGreaterThan(0);
  });

  it('needs two classes for the multiclass form unless labels say so', () => {
    expect(() =>
      multiclassLogLoss(
        [0, 0],
        [
          [0.4, 0.6],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(RangeError);
    expect(
      multiclassLogLoss(
        [0, 0],
        [
          [0.4, 0.6],
          [0.5, 0.5],
        ],
        { labels: [0, 1] },
      ),
    ).toBeCloseTo(-(Math.log(0.4) + Math.log(0.5)) / 2, 14);
  });

  it('refuses probabilities outside [0, 1] and rows of the wrong width', () => {
    expect(() => logLoss([0, 1], [0.2, 1.2])).toThrow(/yScore\[1\] is 1.2/);
    expect(() => multiclassLogLoss([0, 1], [[0.5, 0.5], [1]])).toThrow(/yProba\[1\] has 1 columns/);
  });
});
