/** OpenAPI documents without a server: dialect quirks, references, examples and response validation. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenApiDocument } from '../../../../src/stages/api/openapi/document.js';
import {
  buildRequest,
  listOperations,
  selectOperations,
} from '../../../../src/stages/api/openapi/operations.js';
import { SchemaValidator } from '../../../../src/stages/api/openapi/schema.js';
import { responseProblems } from '../../../../src/stages/api/openapi/validate.js';

/** A one-operation document (GET /thing answering `schema` as JSON) in `version`, plus extra files. */
async function doc(version: string, schema: string, components = '', files: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-oas-'));
  const text = `openapi: ${version}
info: { title: t, version: '1' }
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${schema}
components:
  schemas: ${components || '{}'}
`;
  writeFileSync(path.join(dir, 'spec.yaml'), text);
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return OpenApiDocument.load(path.join(dir, 'spec.yaml'), 'spec.yaml');
}

/** Problems of a 200 JSON response with this body. */
async function problems(d: OpenApiDocument, body: unknown): Promise<string[]> {
  const op = listOperations(d)[0];
  if (!op) throw new Error('no operation');
  const text = JSON.stringify(body);
  return responseProblems(d, new SchemaValidator(d), op, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    text,
    json: body,
  });
}

describe('OpenAPI 3.0 schema dialect', () => {
  it('nullable adds null to the type and to the enum', async () => {
    const d = await doc('3.0.3', '{ type: string, enum: [a, b], nullable: true, example: a, x-note: hi }');
    expect(await problems(d, null)).toEqual([]);
    expect(await problems(d, 'a')).toEqual([]);
    expect(await problems(d, 'c')).toEqual([
      'body $ must be equal to one of the allowed values ("a", "b", null)',
    ]);
  });

  it('nullable on a $ref wrapper means "or null"; $ref siblings are ignored', async () => {
    const d = await doc(
      '3.0.3',
      "{ type: object, properties: { owner: { allOf: [{ $ref: '#/components/schemas/User' }], nullable: true }, peer: { $ref: '#/components/schemas/User', description: ignored, type: number } } }",
      '{ User: { type: object, required: [id], properties: { id: { type: string } } } }',
    );
    expect(await problems(d, { owner: null, peer: { id: 'x' } })).toEqual([]);
    expect((await problems(d, { owner: { id: 1 } })).join('\n')).toMatch(/\$\.owner\.id must be string/);
  });

  it('boolean exclusiveMinimum/exclusiveMaximum', async () => {
    const d = await doc(
      '3.0.3',
      '{ type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: false }',
    );
    expect(await problems(d, 0.5)).toEqual([]);
    expect(await problems(d, 1)).toEqual([]);
    expect(await problems(d, 0)).toEqual(['body $ must be > 0']);
  });

  it('recursive schemas validate (a tree of any depth)', async () => {
    const d = await doc(
      '3.0.3',
      "{ $ref: '#/components/schemas/Node' }",
      "{ Node: { type: object, required: [name], properties: { name: { type: string }, children: { type: array, items: { $ref: '#/components/schemas/Node' } } } } }",
    );
    expect(await problems(d, { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })).toEqual(
      [],
    );
    expect(await problems(d, { name: 'a', children: [{ name: 'b', children: [{}] }] })).toEqual([
      "body $.children[0].children[0] must have required property 'name'",
    ]);
  });

  it('required writeOnly properties may be absent from a response; formats are checked', async () => {
    const d = await doc(
      '3.0.3',
      '{ type: object, required: [id, password], properties: { id: { type: string, format: uuid }, password: { type: string, writeOnly: true } } }',
    );
    expect(await problems(d, { id: '0b8e9f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b' })).toEqual([]);
    expect(await problems(d, { id: 'not-a-uuid' })).toEqual(['body $.id must match format "uuid"']);
  });
});

describe('OpenAPI 3.1', () => {
  it('is JSON Schema 2020-12: type arrays, const, $ref with siblings, refs to other files', async () => {
    const d = await doc('3.1.0', "{ $ref: 'shared.yaml#/Model', required: [kind] }", '{}', {
      'shared.yaml':
        'Model:\n  type: object\n  properties:\n    kind: { const: model }\n    note: { type: [string, "null"] }\n',
    });
    expect(d.version).toBe('3.1');
    expect(await problems(d, { kind: 'model', note: null })).toEqual([]);
    expect(await problems(d, { note: 1 })).toEqual([
      'body $.note must be string,null',
      "body $ must have required property 'kind'",
    ]);
  });

  it('a $ref into another file that is missing is reported at the $ref', async () => {
    await expect(doc('3.1.0', "{ $ref: 'gone.yaml#/Model' }")).rejects.toThrow(
      /spec\.yaml:\d+:\d+ paths\["\/thing"\]\.get\.responses\["200"\]\.content\["application\/json"\]\.schema: `\$ref` to \S*gone\.yaml: no such file/,
    );
  });
});

describe('status and content type', () => {
  it('a status range like 2XX and default match; an undocumented status and content type do not', async () => {
    const d = await doc('3.0.3', '{ type: object }');
    const op = listOperations(d)[0];
    if (!op) throw new Error('no operation');
    const v = new SchemaValidator(d);
    const res = (status: number, type: string, text: string) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status, headers: { 'content-type': type }, text, json };
    };
    expect(responseProblems(d, v, op, res(201, 'application/json', '{}'))).toEqual([
      'status 201 is not documented (documented: 200)',
    ]);
    expect(responseProblems(d, v, op, res(200, 'text/html', '<p>hi</p>'))).toEqual([
      'content-type text/html is not documented for 200 (documented: application/json)',
    ]);
    expect(responseProblems(d, v, op, res(200, 'application/json', ''))).toEqual([
      'the body is empty; the 200 response documents application/json',
    ]);
  });
});

describe('requests from examples', () => {
  it('fills path, query and header parameters and the body from examples', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-oas-'));
    writeFileSync(
      path.join(dir, 'spec.yaml'),
      `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /models/{id}/runs:
    post:
      operationId: startRun
      parameters:
        - { name: id, in: path, required: true, schema: { type: string, enum: [m 1, m2] } }
        - { name: tags, in: query, schema: { type: array, items: { type: string } }, example: [a, b] }
        - { name: page, in: query, schema: { type: integer } }
        - { name: X-Team, in: header, example: ml }
        - { name: Authorization, in: header, example: Bearer nope }
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [epochs]
              properties:
                epochs: { type: integer, example: 3 }
                notes: { type: string }
      responses: { '202': { description: started } }
    delete:
      operationId: stopRun
      parameters: [{ name: id, in: path, required: true, example: m2 }]
      responses: { '204': { description: stopped } }
  /health:
    put:
      responses: { '200': { description: ok } }
`,
    );
    const d = await OpenApiDocument.load(path.join(dir, 'spec.yaml'), 'spec.yaml');
    const ops = listOperations(d);
    expect(ops.map((o) => o.id)).toEqual(['startRun', 'stopRun', 'PUT /health']);
    expect(buildRequest(d, ops[0] as (typeof ops)[number])).toEqual({
      method: 'POST',
      target: '/models/m%201/runs?tags=a&tags=b',
      headers: { 'X-Team': 'ml', 'content-type': 'application/json' },
      body: { epochs: 3 },
      fromExamples: true,
    });
    const { run, skipped } = selectOperations(d, ops, undefined);
    expect(run.map((r) => r.op.id)).toEqual(['startRun']);
    expect(skipped.map((s) => [s.op.id, s.reason])).toEqual([
      ['stopRun', 'DELETE runs only when listed in `operations`'],
      ['PUT /health', 'no request example in the document'],
    ]);
    expect(selectOperations(d, ops, ['stopRun']).run.map((r) => r.op.id)).toEqual(['stopRun']);
  });
});
