/** Pact-style matching and the contract file's reading, without a server. */
import { describe, expect, it } from 'vitest';
import { type ContractRule, parseContract, parseMatcherPath } from '../../../../src/config/contract-file.js';
import { matchBody, matchHeaders } from '../../../../src/stages/api/contract/match.js';

/** Body rules as a Pact v3 file writes them, read through the real parser. */
function rules(body: Record<string, unknown>): ContractRule[] {
  const contract = parseContract(
    JSON.stringify({
      interactions: [
        {
          description: 'x',
          request: { method: 'GET', path: '/' },
          response: { status: 200, matchingRules: { body } },
        },
      ],
    }),
    'pact.json',
  );
  return contract.interactions[0]?.response.bodyRules ?? [];
}

const m = (...matchers: Record<string, unknown>[]) => ({ matchers });

describe('matcher paths', () => {
  it('reads fields, quoted fields, indexes and wildcards', () => {
    expect(parseMatcherPath('$')).toEqual([]);
    expect(parseMatcherPath("$.versions[*].id['model-id'][0].*")).toEqual([
      { field: 'versions' },
      '*',
      { field: 'id' },
      { field: 'model-id' },
      { index: 0 },
      '*',
    ]);
    expect(parseMatcherPath('versions')).toMatch(/starts with `\$`/);
    expect(parseMatcherPath('$.a[x]')).toMatch(/cannot read "\[x\]"/);
  });
});

describe('matching a body', () => {
  const model = { model_id: '123', name: 'fraud_detection', tags: ['a', 'b'] };

  it('without rules: literal values must be equal, extra keys are fine', () => {
    expect(matchBody(model, { ...model, extra: true }, [])).toEqual([]);
    expect(matchBody(model, { ...model, name: 'churn' }, [])).toEqual([
      { path: '$.name', expected: '"fraud_detection"', actual: '"churn"' },
    ]);
    expect(matchBody(model, { model_id: '123', tags: ['a', 'b'] }, [])).toEqual([
      { path: '$.name', expected: 'a string like "fraud_detection"', actual: 'missing' },
    ]);
    expect(matchBody(model, { ...model, tags: ['a'] }, [])[0]).toMatchObject({
      path: '$.tags',
      actual: '1 item(s)',
    });
  });

  it('type cascades below its path: every item is held to the first example', () => {
    const r = rules({ '$.versions': m({ match: 'type', min: 1 }) });
    const exp = { versions: [{ id: 'v1', n: 1 }] };
    expect(
      matchBody(
        exp,
        {
          versions: [
            { id: 'v9', n: 5 },
            { id: 'v8', n: 6, more: 1 },
          ],
        },
        r,
      ),
    ).toEqual([]);
    expect(
      matchBody(
        exp,
        {
          versions: [
            { id: 'v9', n: 5 },
            { id: 7, n: 6 },
          ],
        },
        r,
      ),
    ).toEqual([{ path: '$.versions[1].id', expected: 'a string (type matcher)', actual: '7' }]);
    expect(matchBody(exp, { versions: [] }, r)[0]?.expected).toMatch(/at least 1 item\(s\)/);
  });

  it('a rule on a deeper path beats the cascading one; equality resets it', () => {
    const r = rules({
      $: m({ match: 'type' }),
      '$.kind': m({ match: 'equality' }),
      '$.items[*].status': m({ match: 'regex', regex: 'active|inactive' }),
    });
    const exp = { kind: 'list', items: [{ status: 'active', id: 'x' }] };
    expect(matchBody(exp, { kind: 'list', items: [{ status: 'inactive', id: 'y' }] }, r)).toEqual([]);
    expect(matchBody(exp, { kind: 'page', items: [] }, r)).toEqual([
      { path: '$.kind', expected: '"list"', actual: '"page"' },
    ]);
    // A regex matches the whole value.
    expect(
      matchBody(exp, { kind: 'list', items: [{ status: 'inactive-ish', id: 'y' }] }, r)[0],
    ).toMatchObject({
      path: '$.items[0].status',
      expected: 'a value matching /active|inactive/',
    });
  });

  it('the value matchers, alone and combined with OR', () => {
    const r = rules({
      '$.count': m({ match: 'integer' }),
      '$.score': m({ match: 'decimal' }),
      '$.note': { matchers: [{ match: 'null' }, { match: 'include', value: 'ok' }], combine: 'OR' },
      '$.flag': m({ match: 'boolean' }),
      '$.name': m({ match: 'notEmpty' }),
      '$.at': m({ match: 'timestamp', timestamp: "yyyy-MM-dd'T'HH:mm:ss.SSSX" }),
      '$.version': m({ match: 'semver' }),
    });
    const exp = {
      count: 1,
      score: 0.5,
      note: null,
      flag: true,
      name: 'x',
      at: '2024-01-01T00:00:00.000Z',
      version: '1.0.0',
    };
    const good = {
      count: 7,
      score: 3,
      note: 'all ok',
      flag: false,
      name: 'y',
      at: '2025-12-31T23:59:59.123+01:00',
      version: '2.10.3-rc.1',
    };
    expect(matchBody(exp, good, r)).toEqual([]);
    const bad = {
      count: 1.5,
      score: '3',
      note: 'nope',
      flag: 'yes',
      name: '',
      at: '2025-12-31 23:59',
      version: 'v2',
    };
    expect(matchBody(exp, bad, r).map((x) => [x.path, x.expected])).toEqual([
      ['$.count', 'an integer'],
      ['$.score', 'a number'],
      ['$.note', 'null or a string containing "ok"'],
      ['$.flag', 'a boolean'],
      ['$.name', 'a non-empty string (notEmpty matcher)'],
      ['$.at', "a timestamp in the format yyyy-MM-dd'T'HH:mm:ss.SSSX"],
      ['$.version', 'a semantic version like 1.2.3'],
    ]);
  });
});

describe('matching headers', () => {
  it('names case-insensitively; Content-Type by media type and the parameters the contract names', () => {
    const got = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'abc-123' };
    expect(matchHeaders({ 'Content-Type': 'application/json' }, got, {})).toEqual([]);
    expect(matchHeaders({ 'Content-Type': 'application/json; charset=utf-8' }, got, {})).toEqual([]);
    expect(matchHeaders({ 'Content-Type': 'text/html' }, got, {})).toHaveLength(1);
    expect(matchHeaders({ 'X-Trace': 'x' }, got, {})).toEqual([
      { path: 'header X-Trace', expected: '"x"', actual: 'no such header' },
    ]);
  });

  it('a header rule replaces equality', () => {
    const contract = parseContract(
      JSON.stringify({
        interactions: [
          {
            description: 'x',
            request: { method: 'GET', path: '/' },
            response: {
              status: 200,
              headers: { 'X-Request-Id': 'abc-1' },
              matchingRules: { '$.headers.X-Request-Id': { regex: '[a-z]+-\\d+' } },
            },
          },
        ],
      }),
      'pact.json',
    );
    const res = contract.interactions[0]?.response;
    expect(matchHeaders(res?.headers ?? {}, { 'x-request-id': 'zz-9' }, res?.headerRules ?? {})).toEqual([]);
    expect(matchHeaders(res?.headers ?? {}, { 'x-request-id': 'ZZ' }, res?.headerRules ?? {})).toHaveLength(
      1,
    );
  });
});

describe('reading contract files', () => {
  it('Pact v2: providerState, query string, flat $.body rules with implied matchers', () => {
    const c = parseContract(
      JSON.stringify({
        consumer: { name: 'web' },
        provider: { name: 'registry' },
        interactions: [
          {
            description: 'list',
            providerState: 'two models',
            request: { method: 'get', path: '/models', query: 'limit=2&tag=a' },
            response: {
              status: 200,
              body: { models: [{ id: 'x' }] },
              matchingRules: { '$.body.models': { min: 1 }, '$.body.models[*].id': { regex: '\\w+' } },
            },
          },
        ],
      }),
      'pact.json',
    );
    const it0 = c.interactions[0];
    expect(c.consumer).toBe('web');
    expect(it0?.states).toEqual([{ name: 'two models' }]);
    expect(it0?.request).toMatchObject({ method: 'GET', query: 'limit=2&tag=a' });
    expect(it0?.response.bodyRules.map((r) => [r.path, r.matchers])).toEqual([
      ['$.models', [{ match: 'type', min: 1 }]],
      ['$.models[*].id', [{ match: 'regex', regex: '\\w+' }]],
    ]);
  });

  it('Pact v3/v4: providerStates with params, query maps, v4 bodies', () => {
    const c = parseContract(
      JSON.stringify({
        consumer: { name: 'web' },
        provider: { name: 'registry' },
        interactions: [
          {
            type: 'Synchronous/HTTP',
            description: 'register',
            providerStates: [{ name: 'empty', params: { a: 1 } }],
            request: {
              method: 'POST',
              path: '/models/register',
              query: { dry: ['true'], tag: ['a', 'b'] },
              body: { content: { name: 'x' }, contentType: 'application/json', encoded: false },
            },
            response: {
              status: 201,
              body: { content: '{"model_id":"1"}', contentType: 'application/json', encoded: false },
            },
          },
        ],
        metadata: { pactSpecification: { version: '4.0' } },
      }),
      'pact.json',
    );
    const it0 = c.interactions[0];
    expect(it0?.states).toEqual([{ name: 'empty', params: { a: 1 } }]);
    expect(it0?.request.query).toBe('dry=true&tag=a&tag=b');
    expect(it0?.request.body).toEqual({ name: 'x' });
    expect(it0?.response.body).toEqual({ model_id: '1' });
  });

  it('message pacts and non-HTTP interactions are refused with the reason', () => {
    expect(() => parseContract('{"messages": []}', 'pact.json')).toThrow(
      /message pact; only HTTP interactions/,
    );
    expect(() =>
      parseContract(
        JSON.stringify({
          interactions: [
            {
              type: 'Asynchronous/Messages',
              description: 'x',
              request: { method: 'GET', path: '/' },
              response: { status: 200 },
            },
          ],
        }),
        'pact.json',
      ),
    ).toThrow(/pact\.json:\d+:\d+ interactions\[0\]\.type: only HTTP interactions can be verified/);
  });
});
