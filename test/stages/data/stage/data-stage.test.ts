/**
 * The `data` stage in a suite: no target needed, one check per entry, metrics gates can read, a file that
 * cannot be read is one error check (the others still run), and a failing data stage stops the targets'
 * later stages (the base of the pyramid).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../../src/serve/index.js';
import { runCli, suiteDir } from '../../../helpers/cli.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/data');

interface Summary {
  verdict: string;
  checks: { id: string; status: string; message: string; target: string }[];
  stages: { name: string; target: string; status: string }[];
  gates: { metric: string; status: string }[];
}

async function writeTables(dir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const q = (f: string) => `'${path.join(dir, f)}'`;
  // people.csv: 100 rows; age 150 in one row, a null name in another, ids unique.
  await c.run(
    `COPY (SELECT i AS id, CASE WHEN i = 7 THEN NULL ELSE 'user' || i END AS name,
       CASE WHEN i = 3 THEN 150 ELSE 20 + i % 50 END AS age, ['a','b'][i % 2 + 1] AS plan
     FROM range(100) t(i)) TO ${q('people.csv')} (HEADER)`,
  );
  const ref = 'SELECT i / 10.0 AS x, (i * 7) % 100 AS stable FROM range(200) t(i)';
  await c.run(`COPY (${ref}) TO ${q('ref.parquet')} (FORMAT parquet)`);
  await c.run(`COPY (${ref.replace('i / 10.0', 'i / 10.0 + 5')}) TO ${q('cur.parquet')} (FORMAT parquet)`);
  await c.run(
    `COPY (SELECT CASE WHEN i < 100 THEN 'A' ELSE 'B' END AS grp, (i % 2) AS label, (i % 2) AS pred
     FROM range(200) t(i)) TO ${q('even.csv')} (HEADER)`,
  );
  c.closeSync();
  instance.closeSync();
  for (const f of ['llm/chat.jsonl', 'llm/pairs.jsonl', 'leakage/train.jsonl', 'leakage/test.jsonl'])
    copyFileSync(path.join(FIXTURES, f), path.join(dir, f.replace('/', '-')));
}

async function run(
  yaml: string,
  args: string[] = [],
): Promise<{ code: number; summary: Summary; stdout: string }> {
  const dir = suiteDir(yaml);
  await writeTables(dir);
  const r = await runCli(['run', 'gauntlet.yaml', '--out', 'runs', '--reporter', 'json', ...args], {
    cwd: dir,
  });
  const summary = JSON.parse(
    readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'),
  ) as Summary;
  return { code: r.code, summary, stdout: r.stdout + r.stderr };
}

const status = (s: Summary, id: string) => s.checks.find((c) => c.id === id)?.status;

describe('data stage', () => {
  it('runs without a target and reports one check per entry', async () => {
    const { code, summary } = await run(`
stages:
  - kind: data
    datasets:
      - { path: llm-pairs.jsonl, format: pairs }
      - { path: llm-pairs.jsonl, name: tolerant, format: pairs, maxInvalidRate: 0.5 }
    leakage:
      - { train: leakage-train.jsonl, test: leakage-test.jsonl, format: pairs, name: split }
    drift:
      - { reference: ref.parquet, current: cur.parquet, name: x-shift }
    fairness:
      - { predictions: even.csv, yTrue: label, yPred: pred, group: grp }
    tables:
      - path: people.csv
        expect:
          - expect_column_values_to_be_unique: { column: id }
          - expect_column_values_to_be_between: { column: age, min_value: 0, max_value: 120 }
          - expect_column_values_to_not_be_null: { column: name, mostly: 0.95 }
gates:
  "data.fairness.disparate_impact{predictions:even.csv}": ["value>=0.8"]
  "data.leakage_rate": ["value<0.01"]
`);
    expect(code).toBe(1);
    expect(summary.stages).toEqual([
      expect.objectContaining({ name: 'data', target: 'local', status: 'fail' }),
    ]);
    expect(status(summary, 'data.dataset.llm-pairs.jsonl')).toBe('fail');
    expect(status(summary, 'data.dataset.tolerant')).toBe('pass');
    expect(status(summary, 'data.leakage.split')).toBe('fail');
    expect(status(summary, 'data.drift.x-shift')).toBe('fail');
    expect(status(summary, 'data.fairness.even.csv')).toBe('pass');
    expect(status(summary, 'data.expect.people.csv.expect_column_values_to_be_unique[id]')).toBe('pass');
    expect(status(summary, 'data.expect.people.csv.expect_column_values_to_be_between[age]')).toBe('fail');
    expect(status(summary, 'data.expect.people.csv.expect_column_values_to_not_be_null[name]')).toBe('pass');
    const between = summary.checks.find((c) => c.id.endsWith('between[age]'));
    expect(between?.message).toMatch(/^1 of 100 non-null values unexpected \(1%\)/);
    expect(between?.message).toContain('150');
    const gate = (m: string) => summary.gates.find((g) => g.metric.startsWith(m))?.status;
    expect(gate('data.fairness.disparate_impact')).toBe('pass');
    expect(gate('data.leakage_rate')).toBe('fail');
  });

  it('makes an unreadable file one error check and runs the rest', async () => {
    const { code, summary } = await run(`
stages:
  - kind: data
    tables:
      - path: missing.csv
        expect: [{ expect_table_row_count_to_be_between: { min_value: 1 } }]
      - path: people.csv
        expect: [{ expect_table_row_count_to_equal: { value: 100 } }]
    drift:
      - { reference: ref.parquet, current: nowhere.parquet, name: gone }
`);
    expect(code).toBe(1);
    const missing = summary.checks.find((c) => c.id === 'data.table.missing.csv');
    expect(missing?.status).toBe('error');
    expect(missing?.message).toContain('missing.csv: no such file');
    expect(status(summary, 'data.expect.people.csv.expect_table_row_count_to_equal')).toBe('pass');
    const gone = summary.checks.find((c) => c.id === 'data.drift.gone');
    expect(gone?.status).toBe('error');
    expect(gone?.message).toContain('nowhere.parquet');
  });

  it('rejects a data stage with nothing to check, and a stage that needs a target without one', async () => {
    const dir = suiteDir('stages:\n  - kind: data\n  - kind: smoke\n');
    const r = await runCli(['run', 'gauntlet.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'a data stage needs at least one of `tables`, `datasets`, `leakage`, `drift` or `fairness`',
    );
    expect(r.stderr).toContain('smoke stages test a target (only data stages run without one)');
  });

  it('reads a Great Expectations suite file', async () => {
    const ge = {
      expectation_suite_name: 'people',
      expectations: [
        {
          expectation_type: 'expect_column_values_to_be_in_set',
          kwargs: { column: 'plan', value_set: ['a', 'b'] },
        },
        { expectation_type: 'expect_column_max_to_be_between', kwargs: { column: 'age', max_value: 100 } },
      ],
    };
    const dir = suiteDir(`
stages:
  - kind: data
    tables:
      - { path: people.csv, expectations: people.ge.json }
`);
    writeFileSync(path.join(dir, 'people.ge.json'), JSON.stringify(ge));
    await writeTables(dir);
    const r = await runCli(['run', 'gauntlet.yaml', '--out', 'runs', '--reporter', 'json'], { cwd: dir });
    const summary = JSON.parse(
      readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'),
    ) as Summary;
    expect(r.code).toBe(1);
    expect(status(summary, 'data.expect.people.csv.expect_column_values_to_be_in_set[plan]')).toBe('pass');
    const max = summary.checks.find(
      (c) => c.id === 'data.expect.people.csv.expect_column_max_to_be_between[age]',
    );
    expect(max?.status).toBe('fail');
    expect(max?.message).toContain('observed 150');
  });

  describe('in the pyramid', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      server = await startServer({ seed: 3 });
    });
    afterAll(() => server.close());

    const suite = (maxInvalidRate: number, continueOnFailure = false) => `
target: { type: openai, baseUrl: ${server.url}/v1, model: gauntlet-sim }
stages:
  - kind: data
    continueOnFailure: ${continueOnFailure}
    datasets: [{ path: llm-pairs.jsonl, format: pairs, maxInvalidRate: ${maxInvalidRate} }]
  - kind: smoke
    checks: [models]
`;

    it('stops the target stages when the data stage fails', async () => {
      const { code, summary } = await run(suite(0));
      expect(code).toBe(1);
      expect(summary.stages.map((s) => `${s.name}@${s.target}:${s.status}`)).toEqual([
        'data@local:fail',
        'smoke@default:skipped',
      ]);
    });

    it('goes on when the data stage passes or says continueOnFailure', async () => {
      const pass = await run(suite(0.5));
      expect(pass.code).toBe(0);
      expect(pass.summary.stages.map((s) => s.status)).toEqual(['pass', 'pass']);
      const cont = await run(suite(0, true));
      expect(cont.summary.stages.map((s) => s.status)).toEqual(['fail', 'pass']);
    });
  });
});

describe('the quickstart data stage', () => {
  it('finds each planted problem and launches no target for --stage data', async () => {
    const out = suiteDir('');
    const suite = path.resolve(import.meta.dirname, '../../../../examples/quickstart/gauntlet.yaml');
    const r = await runCli(['run', suite, '--stage', 'data', '--out', out, '--reporter', 'json'], {
      cwd: out,
    });
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'latest', 'summary.json'), 'utf8')) as Summary & {
      targets: { launch?: unknown }[];
    };
    expect(summary.targets.every((t) => !t.launch)).toBe(true);
    const lines = readFileSync(path.join(out, 'latest', 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const evidence = (id: string) =>
      lines.find((e) => e.type === 'check' && e.result.id === id)?.result.evidence?.details;
    expect(evidence('data.dataset.train.jsonl').problems[0]).toMatchObject({
      line: 27,
      field: 'messages[0].role',
    });
    const leak = summary.checks.find((c) => c.id === 'data.leakage.eval-vs-train');
    expect(leak?.message).toMatch(/^1 of 10 test samples leaked/);
    expect(evidence('data.leakage.eval-vs-train').exact[0]).toMatchObject({ testLine: 3, trainLine: 13 });
    const satisfaction = evidence('data.expect.tickets.csv.expect_column_values_to_be_between[satisfaction]');
    expect(satisfaction.result).toMatchObject({ unexpected_count: 1, partial_unexpected_list: [9] });
    const pii = evidence('data.pii.tickets.csv');
    expect(pii.findings).toEqual([
      expect.objectContaining({
        column: 'summary',
        kind: 'email',
        count: 1,
        samples: [expect.objectContaining({ row: 42 })],
      }),
    ]);
  });
});

describe('data stage config', () => {
  it('says which drift thresholds are p-values', async () => {
    const dir = suiteDir(`stages:
  - kind: data
    drift:
      - { reference: a.csv, current: b.csv, thresholds: { ks: 5, psi: 0.2 } }
`);
    const r = await runCli(['run', 'gauntlet.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'gauntlet.yaml:4:63 stages[0].drift[0].thresholds.ks: ks is a test: its threshold is a p-value below 1 (like 0.05), got 5',
    );
  });
});

describe('data stage model metrics', () => {
  it('reports calibration, log loss and regression figures as metrics', async () => {
    const dir = suiteDir(`stages:
  - kind: data
    fairness:
      - { predictions: scored.csv, yTrue: label, yPred: pred, yScore: score, group: grp }
      - { predictions: prices.csv, task: regression, yTrue: y, yPred: yhat, group: grp }
`);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    // Positives scored 0.8, negatives 0.3, predictions right: log loss (−ln 0.8 − ln 0.7)/2; the 0.3 bin
    // is off by 0.3 and the 0.8 bin by 0.2, half the rows each: ECE 0.25, MCE 0.3.
    await c.run(
      `COPY (SELECT CASE WHEN i < 50 THEN 'A' ELSE 'B' END AS grp, i % 2 AS label, i % 2 AS pred,
         CASE WHEN i % 2 = 1 THEN 0.8 ELSE 0.3 END AS score FROM range(100) t(i)) TO '${path.join(dir, 'scored.csv')}' (HEADER)`,
    );
    // y = i, yhat = i + 1 in A and i - 2 in B: MSE 1 and 4, MAE 1 and 2.
    await c.run(
      `COPY (SELECT CASE WHEN i < 10 THEN 'A' ELSE 'B' END AS grp, i AS y, CASE WHEN i < 10 THEN i + 1 ELSE i - 2 END AS yhat
         FROM range(20) t(i)) TO '${path.join(dir, 'prices.csv')}' (HEADER)`,
    );
    c.closeSync();
    instance.closeSync();
    const r = await runCli(['run', 'gauntlet.yaml', '--out', 'runs', '--reporter', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8')) as {
      metrics: { name: string; tags: Record<string, string>; values: { value: number } }[];
    };
    const value = (name: string, tags: Record<string, string> = {}) =>
      summary.metrics.find((m) => m.name === name && Object.entries(tags).every(([k, v]) => m.tags[k] === v))
        ?.values.value;
    expect(value('data.model.log_loss', { predictions: 'scored.csv' })).toBeCloseTo(
      (-Math.log(0.8) - Math.log(0.7)) / 2,
      12,
    );
    expect(value('data.model.ece', { predictions: 'scored.csv' })).toBeCloseTo(0.25, 12);
    expect(value('data.model.mce', { predictions: 'scored.csv' })).toBeCloseTo(0.3, 12);
    expect(value('data.slice.accuracy', { predictions: 'scored.csv', group: 'B' })).toBe(1);
    expect(value('data.slice.mse', { predictions: 'prices.csv', group: 'A' })).toBe(1);
    expect(value('data.slice.mse', { predictions: 'prices.csv', group: 'B' })).toBe(4);
    expect(value('data.model.mae', { predictions: 'prices.csv' })).toBe(1.5);
    // The overall series stands alone: no per-group series shares its name.
    expect(summary.metrics.filter((m) => m.name === 'data.model.mse')).toHaveLength(1);
    expect(value('data.model.r2', { predictions: 'prices.csv' })).toBeCloseTo(1 - 2.5 / 33.25, 12);
  });
});

describe('data stage drift against a stored reference profile', () => {
  it('reads a profile written by gauntlet drift --save-profile and compares binned methods', async () => {
    const dir = suiteDir(`stages:
  - kind: data
    drift:
      - { reference: ref.profile.json, current: cur.parquet, name: from-profile, method: psi }
      - { reference: ref.profile.json, current: ref.parquet, name: same, method: psi }
`);
    await writeTables(dir);
    const saved = await runCli(
      ['drift', 'ref.parquet', 'ref.parquet', '--save-profile', 'ref.profile.json'],
      {
        cwd: dir,
      },
    );
    expect(saved.code).toBe(0);
    const r = await runCli(['run', 'gauntlet.yaml', '--out', 'runs', '--reporter', 'json'], { cwd: dir });
    const summary = JSON.parse(
      readFileSync(path.join(dir, 'runs', 'latest', 'summary.json'), 'utf8'),
    ) as Summary;
    expect(r.code).toBe(1);
    expect(status(summary, 'data.drift.from-profile')).toBe('fail');
    expect(summary.checks.find((c) => c.id === 'data.drift.from-profile')?.message).toContain('x (psi');
    expect(status(summary, 'data.drift.same')).toBe('pass');
  });
});
