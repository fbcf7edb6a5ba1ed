import { describe, expect, it } from 'vitest';
import {
  binCounts,
  chiSquare,
  jensenShannon,
  klDivergence,
  lInfinity,
  psi,
  quantileEdges,
  quantileRanks,
  referenceBins,
} from '../../../src/metrics/drift/index.js';
import { data, describeMiss, P_ABS, reference, relClose } from './reference.js';

// Reference values: np.quantile / np.linspace edges on the reference, np.searchsorted(side='right') counts.
describe('referenceBins and binCounts match numpy', () => {
  it.each(reference.bins)('$ref, $bins $method bins', (c) => {
    const edges = referenceBins(data(c.ref), { bins: c.bins, method: c.method });
    expect(edges[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(edges[edges.length - 1]).toBe(Number.POSITIVE_INFINITY);
    const inner = edges.slice(1, -1);
    expect(inner).toHaveLength(c.inner.length);
    inner.forEach((e, i) => {
      expect(relClose(e, c.inner[i] as number), describeMiss(e, c.inner[i] as number)).toBe(true);
    });
    for (const [name, counts] of Object.entries(c.counts))
      expect(binCounts(data(name), edges)).toEqual(counts);
    const [refName, curName] = Object.keys(c.counts) as [string, string];
    const p = binCounts(data(refName), edges);
    const q = binCounts(data(curName), edges);
    expect(relClose(psi(p, q).statistic, c.psi), describeMiss(psi(p, q).statistic, c.psi)).toBe(true);
    expect(relClose(jensenShannon(p, q, { base: Math.E }).statistic, c.jensenShannon)).toBe(true);
    const close = (got: number, want: number) =>
      expect(relClose(got, want), describeMiss(got, want)).toBe(true);
    close(jensenShannon(p, q).statistic, c.jensenShannonBase2);
    close(klDivergence(p, q).statistic, c.kl);
    close(lInfinity(p, q).statistic, c.lInfinity);
    const chi = chiSquare(p, q);
    close(chi.statistic, c.chiSquare.statistic);
    expect(Math.abs((chi.pValue as number) - c.chiSquare.pValue)).toBeLessThanOrEqual(P_ABS);
  });

  it('reads quantile edges from the order statistics quantileRanks lists, and only those', () => {
    for (const c of reference.bins.filter((b) => b.method === 'quantile')) {
      const sorted = [...data(c.ref)].sort((a, b) => a - b);
      const ranks = new Set(quantileRanks(sorted.length, c.bins));
      const read: number[] = [];
      const inner = quantileEdges(sorted.length, c.bins, (r) => {
        read.push(r);
        return sorted[r] as number;
      });
      expect(read.every((r) => ranks.has(r))).toBe(true);
      expect(inner).toEqual(referenceBins(sorted, { bins: c.bins }).slice(1, -1));
    }
  });

  it('puts current values outside the reference range into the end bins', () => {
    const edges = referenceBins([1, 2, 3, 4], { bins: 2, method: 'uniform' });
    expect(edges).toEqual([Number.NEGATIVE_INFINITY, 2.5, Number.POSITIVE_INFINITY]);
    expect(binCounts([-100, 2.5, 100], edges)).toEqual([1, 2]);
  });

  it('refuses bad bin counts, empty values and missing edges', () => {
    expect(() => referenceBins([1, 2], { bins: 0 })).toThrow(RangeError);
    expect(() => referenceBins([])).toThrow(/empty/);
    expect(() => binCounts([1], [0])).toThrow(RangeError);
  });
});
