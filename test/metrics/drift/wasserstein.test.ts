import { describe, expect, it } from 'vitest';
import { wassersteinNormed } from '../../../src/metrics/drift/index.js';
import { data, describeMiss, reference, relClose } from './reference.js';

// Reference values: scipy.stats.wasserstein_distance / max(np.std(ref), 0.001), as Evidently norms it.
describe('wassersteinNormed matches scipy and Evidently', () => {
  it.each(reference.wasserstein)('$ref vs $cur', ({ ref, cur, distance, std, normed }) => {
    const r = wassersteinNormed(data(ref), data(cur));
    expect(relClose(r.distance, distance), describeMiss(r.distance, distance)).toBe(true);
    expect(relClose(r.referenceStd, std), describeMiss(r.referenceStd, std)).toBe(true);
    expect(relClose(r.statistic, normed), describeMiss(r.statistic, normed)).toBe(true);
    expect(r.drift).toBe(normed >= 0.1);
    expect(r.pValue).toBeUndefined();
  });

  it('gives a constant column distance 0 and no drift', () => {
    expect(wassersteinNormed([2, 2, 2], [2, 2])).toMatchObject({ statistic: 0, drift: false });
  });

  it('norms a constant reference by 0.001, so a moved current drifts', () => {
    const r = wassersteinNormed([2, 2, 2], [2.5, 2.5]);
    expect(r.statistic).toBeCloseTo(500, 9);
    expect(r.drift).toBe(true);
  });
});
