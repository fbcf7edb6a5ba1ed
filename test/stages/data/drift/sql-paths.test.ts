/**
 * The SQL paths of the drift stage against scipy's values (test/fixtures/reference/drift) and against
 * the JS implementations on the same numbers: KS, Wasserstein, Anderson-Darling and reference quantile
 * bins computed in DuckDB, on every reference case (ties, constants, single values, exact and asymptotic
 * KS, heavy ties at asymptotic sizes, -0.0 next to 0.0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { andersonKSample, ks2, wassersteinNormed } from '../../../../src/metrics/drift/index.js';
import { binCountsSql, quantileEdgesSql, referenceBinsSql } from '../../../../src/stages/data/drift/bins.js';
import { andersonSql } from '../../../../src/stages/data/drift/sql-anderson.js';
import { ksSql } from '../../../../src/stages/data/drift/sql-ks.js';
import { wassersteinSql } from '../../../../src/stages/data/drift/sql-wasserstein.js';
import type { Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { data, describeMiss, P_ABS, reference, relClose } from '../../../metrics/drift/reference.js';
import { openTables, tempDir, writeCsv } from './helpers.js';

let db: TableDb;
const tables = new Map<string, Table>();
const t = (name: string) => tables.get(name) as Table;

beforeAll(async () => {
  const names = new Set<string>([
    ...reference.ks.flatMap((c) => [c.ref, c.cur]),
    ...reference.wasserstein.flatMap((c) => [c.ref, c.cur]),
    ...reference.anderson.filter((c) => c.samples.length === 2).flatMap((c) => c.samples),
    ...reference.bins.flatMap((c) => [c.ref, ...Object.keys(c.counts)]),
  ]);
  const dir = tempDir();
  const files = [...names].map((n) => writeCsv(dir, `${n}.csv`, { x: data(n) }));
  // A copy of small_a with nulls, NaN and infinities between its values: they must be ignored.
  const noisy: (number | null)[] = data('small_a').flatMap((v, i) =>
    i % 7 === 0 ? [v, null, Number.NaN] : i % 11 === 0 ? [Number.POSITIVE_INFINITY, v] : [v],
  );
  files.push(writeCsv(dir, 'small_a_noisy.csv', { x: noisy }));
  const opened = await openTables(dir, ...files);
  db = opened.db;
  [...names, 'small_a_noisy'].forEach((n, i) => {
    tables.set(n, opened.tables[i] as Table);
  });
});
afterAll(() => db?.close());

describe('KS in SQL', () => {
  it.each(reference.ks)('$ref vs $cur ($mode) is scipy and ks2 exactly', async (c) => {
    const r = await ksSql(t(c.ref), t(c.cur), 'x');
    expect(r).toEqual(ks2(data(c.ref), data(c.cur)));
    expect(r.mode).toBe(c.mode);
    expect(relClose(r.statistic, c.statistic), describeMiss(r.statistic, c.statistic)).toBe(true);
    expect(Math.abs((r.pValue as number) - c.pValue)).toBeLessThanOrEqual(P_ABS);
  });

  it.each(reference.ks)('$ref vs $cur: the ungrouped (dense) CDF gives the same', async (c) => {
    expect(await ksSql(t(c.ref), t(c.cur), 'x', undefined, true)).toEqual(ks2(data(c.ref), data(c.cur)));
  });

  it('ignores nulls, NaN and infinities', async () => {
    expect(await ksSql(t('small_a_noisy'), t('small_b'), 'x')).toEqual(
      await ksSql(t('small_a'), t('small_b'), 'x'),
    );
  });

  it('takes the threshold', async () => {
    expect(await ksSql(t('mid_a'), t('mid_b'), 'x', 0.01)).toMatchObject({ threshold: 0.01, drift: false });
  });
});

describe('Wasserstein in SQL', () => {
  it.each(reference.wasserstein)('$ref vs $cur matches scipy / np.std', async (c) => {
    const r = await wassersteinSql(t(c.ref), t(c.cur), 'x');
    expect(relClose(r.distance, c.distance), describeMiss(r.distance, c.distance)).toBe(true);
    expect(relClose(r.referenceStd, c.std), describeMiss(r.referenceStd, c.std)).toBe(true);
    expect(relClose(r.statistic, c.normed), describeMiss(r.statistic, c.normed)).toBe(true);
    const js = wassersteinNormed(data(c.ref), data(c.cur));
    expect(relClose(r.statistic, js.statistic, 1e-12), describeMiss(r.statistic, js.statistic)).toBe(true);
  });

  it.each(reference.wasserstein)('$ref vs $cur: the ungrouped (dense) CDF gives the same', async (c) => {
    const r = await wassersteinSql(t(c.ref), t(c.cur), 'x', undefined, true);
    expect(relClose(r.distance, c.distance), describeMiss(r.distance, c.distance)).toBe(true);
    const grouped = await wassersteinSql(t(c.ref), t(c.cur), 'x');
    expect(relClose(r.statistic, grouped.statistic, 1e-12)).toBe(true);
  });

  it('gives a constant column distance 0 (no NaN from the 0.001 floor)', async () => {
    expect(await wassersteinSql(t('const_a'), t('const_b'), 'x')).toMatchObject({
      statistic: 0,
      drift: false,
    });
  });
});

describe('Anderson-Darling in SQL', () => {
  const pairs = reference.anderson.filter((c) => c.samples.length === 2);
  it.each(pairs)('$samples matches scipy anderson_ksamp', async (c) => {
    const [a, b] = c.samples as [string, string];
    const r = await andersonSql(t(a), t(b), 'x');
    expect(relClose(r.statistic, c.statistic), describeMiss(r.statistic, c.statistic)).toBe(true);
    expect(Math.abs((r.pValue as number) - c.pValue)).toBeLessThanOrEqual(P_ABS);
    const js = andersonKSample([data(a), data(b)]);
    expect(relClose(r.statistic, js.statistic, 1e-12), describeMiss(r.statistic, js.statistic)).toBe(true);
  });

  it('gives all-equal values statistic 0 and p = 1, never NaN (scipy raises)', async () => {
    expect(await andersonSql(t('const_a'), t('const_b'), 'x')).toMatchObject({
      statistic: 0,
      pValue: 1,
      drift: false,
    });
  });

  it('refuses fewer than 4 values in all, as the JS does', async () => {
    await expect(andersonSql(t('one_a'), t('one_b'), 'x')).rejects.toThrow(/at least 4 values/);
  });
});

describe('reference quantile bins in SQL', () => {
  const quantile = reference.bins.filter((c) => c.method === 'quantile');
  it.each(quantile)('$ref, $bins bins: numpy edges, exact counts', async (c) => {
    const n = data(c.ref).length;
    const inner = await quantileEdgesSql(t(c.ref), 'x', n, c.bins);
    expect(inner).toHaveLength(c.inner.length);
    inner.forEach((e, i) => {
      expect(relClose(e, c.inner[i] as number), describeMiss(e, c.inner[i] as number)).toBe(true);
    });
    for (const [name, counts] of Object.entries(c.counts))
      expect(await binCountsSql(t(name), 'x', inner)).toEqual(counts);
    expect((await referenceBinsSql(t(c.ref), 'x', n, c.bins)).counts).toEqual(c.counts[c.ref]);
  });

  it('puts values on an edge in the bin to its right, and outliers in the end bins', async () => {
    expect(await binCountsSql(t('ties_a'), 'x', [1, 3])).toEqual([
      data('ties_a').filter((v) => v < 1).length,
      data('ties_a').filter((v) => v >= 1 && v < 3).length,
      data('ties_a').filter((v) => v >= 3).length,
    ]);
  });
});
