/**
 * The shipped REST examples stay true: examples/api/rest-openapi.yaml and rest-contract.yaml pass against
 * the model registry they describe (via --target-url), and fail against one that breaks their promises.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, suiteDir } from '../../../helpers/cli.js';
import { type Registry, startRegistry } from './registry.js';
import { EXAMPLES } from './run.js';

async function runExample(file: string, url: string) {
  const out = suiteDir('');
  const r = await runCli(
    ['run', path.join(EXAMPLES, file), '--target-url', url, '--out', out, '--reporter', 'json'],
    { cwd: out },
  );
  const report = JSON.parse(readFileSync(path.join(out, 'latest', 'report.json'), 'utf8')) as {
    results: { id: string; status: string; message: string }[];
  };
  return { ...r, results: report.results };
}

describe.each(['rest-openapi.yaml', 'rest-contract.yaml'])('examples/api/%s', (file) => {
  let good: Registry;
  let broken: Registry;
  beforeAll(async () => {
    good = await startRegistry();
    broken = await startRegistry('bad-enum');
  });
  afterAll(async () => {
    await good.close();
    await broken.close();
  });

  it('passes against the registry it describes', async () => {
    const r = await runExample(file, good.url);
    expect(r.results.map((x) => [x.id, x.status])).toEqual([
      [file.includes('openapi') ? 'api.openapi' : 'api.contract', 'pass'],
    ]);
    expect(r.code).toBe(0);
  });

  it('fails against a registry that answers status: retired', async () => {
    const r = await runExample(file, broken.url);
    expect(r.results[0]?.status).toBe('fail');
    expect(r.results[0]?.message).toMatch(/\$\.status .*(allowed values|active\|inactive)/);
    expect(r.code).toBe(1);
  });
});
