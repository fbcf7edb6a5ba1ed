/**
 * detectDrift's choice of methods and its options: per-run and per-column methods, thresholds, bins,
 * impossible combinations named with what to use instead, and binned methods that agree with the JS
 * maths on the same values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binCounts,
  chiSquare,
  DEFAULT_THRESHOLDS,
  jensenShannon,
  klDivergence,
  lInfinity,
  psi,
  referenceBins,
} from '../../../../src/metrics/drift/index.js';
import { type DriftOptions, detectDrift } from '../../../../src/stages/data/drift/index.js';
import type { Table, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { openTables, tempDir, writeTables } from './helpers.js';

let db: TableDb;
let ref: Table;
let cur: Table;

beforeAll(async () => {
  const dir = tempDir();
  await writeTables(dir);
  const opened = await openTables(dir, 'ref.parquet', 'cur.parquet');
  db = opened.db;
  [ref, cur] = opened.tables as [Table, Table];
});
afterAll(() => db?.close());

const run = async (options: DriftOptions) => {
  const r = await detectDrift(ref, cur, options);
  return { r, by: Object.fromEntries(r.columns.map((c) => [c.column, c])) };
};

describe('method choice', () => {
  it("follows Evidently's rules without options, and skips a column with no values on one side", async () => {
    const { r, by } = await run({});
    expect(by.num).toMatchObject({ kind: 'numerical', method: 'ks', drift: true, threshold: 0.05 });
    expect(by.cat).toMatchObject({ kind: 'categorical', method: 'chisquare', drift: true });
    expect(by.flag).toMatchObject({ method: 'z', drift: true });
    expect(by.few).toMatchObject({ kind: 'categorical', method: 'chisquare', unique: 4 });
    expect(by.const).toMatchObject({ method: 'z', statistic: 0, pValue: 1, drift: false });
    expect(by.lonely).toMatchObject({ method: 'z', statistic: 0, pValue: 1, drift: false });
    expect(by.gone).toMatchObject({ method: null, skipped: expect.stringContaining('cur.parquet') });
    expect(r).toMatchObject({ referenceKind: 'table', tested: 6, drifted: 4 });
  });

  it('takes one method for every column, and a per-column method over it', async () => {
    const { by } = await run({ method: 'jensenshannon', methods: { num: 'anderson', few: 'psi' } });
    expect(by.num).toMatchObject({ method: 'anderson', threshold: DEFAULT_THRESHOLDS.anderson, drift: true });
    expect(by.cat?.method).toBe('jensenshannon');
    expect(by.few?.method).toBe('psi');
    expect(by.flag?.method).toBe('jensenshannon');
  });

  it('takes thresholds per method', async () => {
    const { by } = await run({ method: 'wasserstein', columns: ['num'], thresholds: { wasserstein: 5 } });
    expect(by.num).toMatchObject({ method: 'wasserstein', threshold: 5, drift: false });
    const tight = await run({ columns: ['num', 'cat'], thresholds: { ks: 1e-300, chisquare: 1 } });
    expect(tight.by.num).toMatchObject({ method: 'ks', threshold: 1e-300, drift: false });
    expect(tight.by.cat).toMatchObject({ threshold: 1, drift: true });
  });
});

describe('binned methods on a continuous column', () => {
  const js = async (bins: number) => {
    const edges = referenceBins(await ref.numbers('num'), { bins });
    return [binCounts(await ref.numbers('num'), edges), binCounts(await cur.numbers('num'), edges)] as const;
  };

  it.each([
    ['psi', psi],
    ['kl', klDivergence],
    ['jensenshannon', jensenShannon],
    ['linf', lInfinity],
  ] as const)('%s counts both sides in the reference quantile bins (default 10)', async (method, fn) => {
    const { by } = await run({ method, columns: ['num'] });
    const [p, q] = await js(10);
    expect(by.num).toMatchObject({ kind: 'numerical', method, bins: 10, statistic: fn(p, q).statistic });
  });

  it('takes bins, and chisquare on a continuous column only with bins', async () => {
    const { by } = await run({ method: 'chisquare', columns: ['num'], bins: 7 });
    const [p, q] = await js(7);
    expect(by.num).toMatchObject({ method: 'chisquare', bins: 7, statistic: chiSquare(p, q).statistic });
    expect(by.num?.pValue).toBe(chiSquare(p, q).pValue);
  });
});

describe('impossible combinations and bad options are DataTableErrors that say what to do', () => {
  it.each([
    [{ method: 'chisquare', columns: ['num'] }, /"num" is continuous.*chisquare.*bins.*ks, wasserstein/],
    [
      { methods: { cat: 'z' } },
      /"cat": z is the two-proportion test of a binary column.*4 distinct.*chisquare/,
    ],
    [{ methods: { num: 'z' } }, /"num": z .*at least 101 distinct.*ks, wasserstein, anderson/],
    [{ methods: { cat: 'ks' } }, /"cat" is VARCHAR, not numbers: ks compares numbers.*chisquare/],
    [{ methods: { flag: 'wasserstein' } }, /"flag" is VARCHAR.*wasserstein/],
    [{ methods: { ghost: 'ks' } }, /column "ghost", which is not compared; compared columns: num, cat/],
    [{ method: 'hellinger' }, /"hellinger" is not a drift method; use one of ks, chisquare, z/],
    [{ thresholds: { ks: 2 } }, /threshold for ks must be a p-value in \(0, 1\]; got 2/],
    [{ thresholds: { psi: -1 } }, /threshold for psi must be a finite distance > 0/],
    [{ thresholds: { tvd: 0.1 } }, /"tvd": not a drift method/],
    [{ bins: 1 }, /bins must be an integer from 2 to 1000; got 1/],
    [{ correction: 'holm' }, /correction must be one of none, bonferroni, bh/],
  ])('%o', async (options, message) => {
    await expect(detectDrift(ref, cur, options as DriftOptions)).rejects.toMatchObject({
      code: 'E_DATA_TABLE',
      message: expect.stringMatching(message),
    });
  });
});
