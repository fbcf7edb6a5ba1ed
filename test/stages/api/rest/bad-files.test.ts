/**
 * A broken OpenAPI document or contract file is bad config: the run stops with exit 2 and names the file,
 * the line and column, and what to do, before or instead of blaming the service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from './registry.js';
import { apiSuite, runSuite } from './run.js';

let registry: Registry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const SPEC = `openapi: 3.0.3
info: { title: registry, version: '1' }
paths:
  /models/{id}:
    get:
      operationId: getModel
      parameters:
        - { name: id, in: path, required: true, schema: { type: string }, example: '123' }
      responses:
        '200':
          description: the model
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Modle' }
components:
  schemas:
    Model: { type: object }
`;

async function runOpenapi(spec: string, options = '') {
  return runSuite(apiSuite(registry.url, { api: `{ openapi: { spec: spec.yaml${options} } }` }), {
    'spec.yaml': spec,
  });
}

async function runContract(contract: string, name = 'pact.json') {
  return runSuite(apiSuite(registry.url, { api: `{ contract: { file: ${name} } }` }), { [name]: contract });
}

/** Everything the run printed, for matching messages wherever the front end puts them. */
const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

describe('a bad OpenAPI document', () => {
  it('a $ref to nothing: exit 2 at the $ref, with the name it probably meant', async () => {
    const r = await runOpenapi(SPEC);
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(
      /invalid OpenAPI document:\s+\S*spec\.yaml:14:31 paths\["\/models\/\{id\}"\]\.get\.responses\["200"\]\.content\["application\/json"\]\.schema\["\$ref"\]: `\$ref` #\/components\/schemas\/Modle points to nothing: \S*spec\.yaml has no "Modle" under #\/components\/schemas; did you mean #\/components\/schemas\/Model\?/,
    );
  });

  it('YAML that does not parse: exit 2 at the line', async () => {
    const r = await runOpenapi('openapi: 3.0.3\npaths:\n  /x: { get: [\n');
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(/spec\.yaml:\d+:\d+ not valid YAML or JSON/);
  });

  it('Swagger 2.0: exit 2 saying how to convert it', async () => {
    const r = await runOpenapi('swagger: "2.0"\ninfo: { title: x, version: "1" }\npaths: {}\n');
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(/spec\.yaml:1:10 swagger: this is Swagger 2\.0; .*Convert it/);
  });

  it('an unsupported version: exit 2 naming it', async () => {
    const r = await runOpenapi('openapi: 4.0.0\ninfo: { title: x, version: "1" }\npaths: {}\n');
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(/spec\.yaml:1:10 openapi: openapi: "4\.0\.0" is not a version Gauntlet reads/);
  });

  it('a missing file: exit 2 naming it', async () => {
    const r = await runSuite(apiSuite(registry.url, { api: '{ openapi: { spec: nowhere.yaml } }' }));
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(/nowhere\.yaml no such file; `openapi\.spec` is relative to the suite file/);
  });

  it('an operation the document does not define: exit 2 with the close names', async () => {
    const fixed = SPEC.replace('Modle', 'Model');
    const r = await runOpenapi(fixed, ', operations: [getModle]');
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(
      /checks\.openapi\.operations names "getModle", which \S*spec\.yaml does not define; did you mean "getModel"\?/,
    );
  });

  it('a required parameter without an example fails that operation, saying what to add', async () => {
    const r = await runOpenapi(
      SPEC.replace('Modle', 'Model').replace(", example: '123' }", ' }'),
      ', operations: [getModel]',
    );
    expect(r.code).toBe(1);
    expect(r.byStage('api')?.message).toMatch(
      /getModel GET \/models\/\{id\}: cannot build a request: required path parameter `id` has no example; add `example:` to it/,
    );
  });
});

const PACT = (matcher: string) => `{
  "consumer": { "name": "web" },
  "provider": { "name": "registry" },
  "interactions": [
    {
      "description": "get a model",
      "request": { "method": "GET", "path": "/models/123" },
      "response": {
        "status": 200,
        "body": { "status": "active" },
        "matchingRules": { "body": { "$.status": { "matchers": [${matcher}] } } }
      }
    }
  ]
}
`;

describe('a bad contract file', () => {
  it('a regex that does not compile: exit 2 at the regex', async () => {
    const r = await runContract(PACT('{ "match": "regex", "regex": "active|(inactive" }'));
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(
      /invalid contract file:\s+\S*pact\.json:11:94 interactions\[0\]\.response\.matchingRules\.body\["\$\.status"\]\.matchers\[0\]\.regex: not a valid regular expression/,
    );
  });

  it('an unknown matcher: exit 2 with the one it probably meant', async () => {
    const r = await runContract(PACT('{ "match": "eachlike" }'));
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(
      /pact\.json:11:\d+ .*\.match: unknown matcher "eachlike"; did you mean "eachLike"\?/,
    );
  });

  it('a missing response: exit 2 at the interaction', async () => {
    const r = await runContract(
      'consumer: web\nprovider: registry\ninteractions:\n  - description: get a model\n    request: { method: GET, path: /models/123 }\n',
      'contract.yaml',
    );
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(
      /contract\.yaml:4:5 interactions\[0\]\.response: missing required field `response`/,
    );
  });

  it('a misspelt key: exit 2 with the key it probably meant', async () => {
    const r = await runContract(
      'consumer: web\ninteractions:\n  - description: get a model\n    request: { method: GET, path: /models/123 }\n    respons: { status: 200 }\n',
      'contract.yaml',
    );
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(
      /contract\.yaml:5:5 interactions\[0\]: unknown key "respons"; did you mean "response"\?/,
    );
  });

  it('a matcher path that cannot be read: exit 2 saying how to write one', async () => {
    const r = await runContract(PACT('{ "match": "type" }').replace('"$.status"', '"status"'));
    expect(r.code).toBe(2);
    expect(output(r)).toMatch(/pact\.json:11:\d+ .*: a matcher path starts with `\$` \(the root\)/);
  });
});
