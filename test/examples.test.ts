/**
 * Every shipped example suite loads, the quick ones run green against the reference server, and every
 * data suite (no target) runs green with every check passed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../src/config/load.js';
import { loadServeConfig, startServer } from '../src/serve/index.js';
import { runCli, suiteDir } from './helpers/cli.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples');
const suites = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .filter((f) => /^stages:/m.test(readFileSync(path.join(EXAMPLES, f), 'utf8')));

describe('example suites', () => {
  it.each(suites)('%s loads', async (file) => {
    const loaded = await loadSuite(path.join(EXAMPLES, file), {});
    expect(loaded.suite.stages.length).toBeGreaterThan(0);
  });

  describe('run against the reference server', () => {
    let plain: Awaited<ReturnType<typeof startServer>>;
    let small: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      plain = await startServer({ seed: 1 });
      small = await startServer({
        ...(await loadServeConfig(path.join(EXAMPLES, 'load/stress-server.yaml'))),
        seed: 1,
      });
    });
    afterAll(async () => {
      await plain.close();
      await small.close();
    });

    const runExample = async (file: string, url: string) => {
      const out = suiteDir('');
      const r = await runCli(
        ['run', path.join(EXAMPLES, file), '--target-url', url, '--out', out, '--reporter', 'json'],
        {
          cwd: out,
        },
      );
      const summary = JSON.parse(readFileSync(path.join(out, 'latest', 'summary.json'), 'utf8'));
      return { ...r, summary };
    };

    it('load/concurrency-levels.yaml passes every level', async () => {
      const r = await runExample('load/concurrency-levels.yaml', `${plain.url}/v1`);
      expect(r.summary.tables[0].rows.map((row: unknown[]) => row[0])).toEqual(['c1', 'c5', 'c10', 'c20']);
      expect(r.code).toBe(0);
    });

    it('load/stress.yaml counts the 503s of a full queue and passes', async () => {
      const r = await runExample('load/stress.yaml', `${small.url}/v1`);
      expect(String(r.summary.tables[0].rows[0].at(-1))).toMatch(/http 503×\d+/);
      expect(r.code).toBe(0);
    });

    it('load/rest-service.yaml drives a generic REST endpoint from a template', async () => {
      const r = await runExample('load/rest-service.yaml', plain.url);
      expect(r.summary.tables[0].rows[0][2]).toBe(100);
      expect(r.code).toBe(0);
    });

    it('smoke/gauntlet.yaml passes', async () => {
      const r = await runExample('smoke/gauntlet.yaml', `${plain.url}/v1`);
      expect(r.code).toBe(0);
    });
  });

  describe('data suites run without a target', () => {
    const dataSuites = readdirSync(path.join(EXAMPLES, 'data')).filter((f) => /\.ya?ml$/.test(f));
    interface DataSummary {
      checks: { id: string; status: string; message: string }[];
      gates: { metric: string; threshold: string; status: string; message: string }[];
    }

    it('examples/data holds suites', () => {
      expect(dataSuites.length).toBeGreaterThan(0);
    });

    // The coverage document names these suites as the proof of its data rows: keep them green.
    it.each(dataSuites)('data/%s passes every check and gate', async (file) => {
      const out = suiteDir('');
      const r = await runCli(['run', path.join(EXAMPLES, 'data', file), '--out', out, '--reporter', 'json'], {
        cwd: out,
      });
      const summary = JSON.parse(
        readFileSync(path.join(out, 'latest', 'summary.json'), 'utf8'),
      ) as DataSummary;
      expect(summary.checks.length).toBeGreaterThan(0);
      expect(summary.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual(
        [],
      );
      expect(
        summary.gates
          .filter((g) => g.status !== 'pass')
          .map((g) => `${g.metric} ${g.threshold}: ${g.message}`),
      ).toEqual([]);
      expect(r.code).toBe(0);
    });
  });
});
