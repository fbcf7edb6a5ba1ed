/**
 * The openapi and contract checks against a tiny model registry over real loopback sockets: all pass
 * against the correct service (OpenAPI 3.0 YAML and 3.1 JSON, Pact v2 and v3 files, the YAML contract),
 * and each broken variant fails with the mismatch named, a JSON path and a curl line.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, type RegistryFault, startRegistry } from './registry.js';
import { apiSuite, EXAMPLES, FIXTURES, runSuite } from './run.js';

const SPEC30 = path.join(EXAMPLES, 'registry.openapi.yaml');
const SPEC31 = path.join(FIXTURES, 'openapi-3.1.json');
const PACT3 = path.join(FIXTURES, 'pact-v3.json');
const PACT2 = path.join(FIXTURES, 'pact-v2.json');
const CONTRACT_YAML = path.join(EXAMPLES, 'registry.contract.yaml');

const allStages = {
  oas30: `{ openapi: { spec: '${SPEC30}' } }`,
  oas31: `{ openapi: { spec: '${SPEC31}' } }`,
  pact3: `{ contract: { file: '${PACT3}', setupUrl: /_setup } }`,
  pact2: `{ contract: { file: '${PACT2}', setupUrl: /_setup } }`,
  yaml: `{ contract: { file: '${CONTRACT_YAML}', setupUrl: /_setup } }`,
};

describe('against the correct registry', () => {
  let registry: Registry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  it('passes every openapi and contract check', async () => {
    const r = await runSuite(apiSuite(registry.url, allStages));
    expect(r.results.map((x) => [x.stage, x.id, x.status, x.message])).toEqual([
      ['oas30', 'api.openapi', 'pass', expect.stringContaining('4 operation(s) answer as')],
      ['oas31', 'api.openapi', 'pass', expect.stringContaining('3 operation(s) answer as')],
      ['pact3', 'api.contract', 'pass', expect.stringContaining('all 4 interaction(s)')],
      ['pact2', 'api.contract', 'pass', expect.stringContaining('all 2 interaction(s)')],
      ['yaml', 'api.contract', 'pass', expect.stringContaining('all 3 interaction(s)')],
    ]);
    expect(r.code).toBe(0);
    // DELETE is never sent unless listed.
    expect(r.byStage('oas30')?.message).toMatch(/1 skipped/);
    expect(r.byStage('oas30')?.metrics).toMatchObject({ operations: 4, passed: 4, skipped: 1 });
  });

  it('POSTs each provider state to setupUrl before its interaction', async () => {
    registry.setups.length = 0;
    const r = await runSuite(apiSuite(registry.url, { pact3: allStages.pact3 }));
    expect(r.code).toBe(0);
    expect(r.byStage('pact3')?.message).toMatch(/2 provider state\(s\) set up/);
    expect(registry.setups).toEqual([
      { consumer: 'fraud-service', state: 'model exists', params: { id: '123' }, action: 'setup' },
      { consumer: 'fraud-service', state: 'model exists', params: {}, action: 'setup' },
    ]);
  });

  it('checks only the listed operations, by operationId or METHOD /path', async () => {
    const r = await runSuite(
      apiSuite(registry.url, {
        oas: `{ openapi: { spec: '${SPEC30}', operations: [getModel, 'GET /models/{id}/versions'] } }`,
      }),
    );
    expect(r.byStage('oas')?.status).toBe('pass');
    expect(r.byStage('oas')?.metrics).toMatchObject({ operations: 2, skipped: 0 });
  });
});

const FAULTS: {
  fault: RegistryFault;
  /** The mismatch each stage must name; a stage left out must still pass. */
  expect: Partial<Record<keyof typeof allStages, RegExp>>;
}[] = [
  {
    fault: 'wrong-status',
    expect: {
      oas30:
        /registerModel POST \/models\/register → 200: status 200 is not documented \(documented: 201, 400\)/,
      // 3.1 documents `default`, so a 200 is held to the error schema.
      oas31: /registerModel POST \/models\/register → 200: body \$ must have required property 'error'/,
      pact3: /"a request to register a model" POST \/models\/register: status expected 201, got 200/,
      yaml: /"a request to register a model" POST \/models\/register: status expected 201, got 200/,
    },
  },
  {
    fault: 'missing-field',
    expect: {
      oas30: /getModel GET \/models\/123 → 200: body \$ must have required property 'name'/,
      oas31: /getModel GET \/models\/123 → 200: body \$ must have required property 'name'/,
      pact3:
        /"a request for model 123" GET \/models\/123: \$\.name expected a string like "fraud_detection", got missing/,
      pact2: /\$\.name expected a string like "fraud_detection", got missing/,
      yaml: /\$\.name expected a string like "fraud_detection", got missing/,
    },
  },
  {
    fault: 'wrong-type',
    expect: {
      oas30: /registerModel POST \/models\/register → 201: body \$\.model_id must be string/,
      oas31: /body \$\.model_id must be string/,
      pact3: /\$\.model_id expected a string \(type matcher\), got \d+/,
      yaml: /\$\.model_id expected a string \(type matcher\), got \d+/,
    },
  },
  {
    fault: 'empty-versions',
    expect: {
      oas30:
        /listVersions GET \/models\/123\/versions → 200: body \$\.versions must NOT have fewer than 1 items/,
      oas31: /body \$\.versions must NOT have fewer than 1 items/,
      pact3: /\$\.versions expected at least 1 item\(s\) \(type matcher, min 1\), got 0/,
      pact2: /\$\.versions expected at least 1 item\(s\)/,
      yaml: /\$\.versions expected at least 1 item\(s\) \(eachLike matcher, min 1\), got 0/,
    },
  },
  {
    fault: 'bad-enum',
    expect: {
      oas30:
        /getModel GET \/models\/123 → 200: body \$\.status must be equal to one of the allowed values \("active", "inactive"\)/,
      oas31: /body \$\.status must be equal to one of the allowed values/,
      pact3: /\$\.status expected a value matching \/active\|inactive\/, got "retired"/,
      pact2: /\$\.status expected a value matching \/active\|inactive\/, got "retired"/,
      yaml: /\$\.status expected a value matching \/active\|inactive\/, got "retired"/,
    },
  },
];

describe.each(FAULTS)('against a registry with fault $fault', ({ fault, expect: want }) => {
  let registry: Registry;
  beforeAll(async () => {
    registry = await startRegistry(fault);
  });
  afterAll(() => registry.close());

  it('fails the checks that see it, naming the mismatch, and passes the others', async () => {
    const r = await runSuite(apiSuite(registry.url, allStages));
    for (const stage of Object.keys(allStages) as (keyof typeof allStages)[]) {
      const result = r.byStage(stage);
      const pattern = want[stage];
      if (!pattern) {
        expect(result?.status, `${stage}: ${result?.message}`).toBe('pass');
        continue;
      }
      expect(result?.status, `${stage}: ${result?.message}`).toBe('fail');
      expect(result?.message).toMatch(pattern);
      expect(result?.evidence?.curl).toMatch(/^curl /);
      expect(result?.evidence?.curl).toContain(registry.url);
    }
    expect(r.code).toBe(1);
  });
});

describe('provider states', () => {
  it('a state that is not set up fails the interaction that needs it', async () => {
    const registry = await startRegistry('needs-setup');
    try {
      const r = await runSuite(
        apiSuite(registry.url, {
          without: `{ contract: { file: '${PACT2}' } }`,
          with: `{ contract: { file: '${PACT2}', setupUrl: '${registry.url}/_setup' } }`,
        }),
      );
      expect(r.byStage('without')?.status).toBe('fail');
      expect(r.byStage('without')?.message).toMatch(/GET \/models\/123: status expected 200, got 404/);
      expect(r.byStage('with')?.status).toBe('pass');
      expect(registry.setups).toHaveLength(2);
    } finally {
      await registry.close();
    }
  });

  it('a failing setup skips the interaction with a clear error', async () => {
    const registry = await startRegistry('setup-fails');
    try {
      const r = await runSuite(apiSuite(registry.url, { pact3: allStages.pact3 }));
      const result = r.byStage('pact3');
      expect(result?.status).toBe('fail');
      expect(result?.message).toMatch(
        /"a request for model 123" GET \/models\/123: provider state "model exists" could not be set up: POST \/_setup answered 500 .*the interaction was not run/,
      );
      // The interactions without a state still ran and passed.
      expect(result?.metrics).toMatchObject({ interactions: 4, passed: 2, failed: 2 });
      expect(result?.evidence?.curl).toMatch(/curl .*_setup/);
    } finally {
      await registry.close();
    }
  });
});
