/**
 * The conformance checks against a `type: http` target: a tiny prediction service on node:http with a
 * `/stats` endpoint, a plain-text `/ready`, and a strict `/predict`. Health reads the origin's endpoints,
 * bad_input derives its cases from the configured body, and the OpenAI-only checks skip with the reason.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSuite, runApi, statuses } from './helpers.js';

const LIMIT = 1024 * 1024;
let requests = 0;
let lenient = false;

/** 400 unless the body is `{features: four finite numbers in [0, 100], model: non-empty string}`. */
function validate(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be an object';
  const { features, model } = body as { features?: unknown; model?: unknown };
  if (typeof model !== 'string' || model === '') return 'model must be a non-empty string';
  if (!Array.isArray(features) || features.length !== 4) return 'features must be an array of 4 numbers';
  if (lenient) return undefined;
  if (!features.every((f) => typeof f === 'number' && f >= 0 && f <= 100))
    return 'features must be in [0, 100]';
  return undefined;
}

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      const raw = Buffer.concat(chunks);
      if (req.url === '/stats')
        return send(200, { status: 'ok', model: { name: 'iris', version: 3 }, counters: { requests } });
      if (req.url === '/ready') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('OK');
      }
      if (req.url !== '/predict' || req.method !== 'POST') return send(404, { error: 'not found' });
      if (raw.length > LIMIT && !lenient) return send(413, { error: 'body too large' });
      if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
        return send(415, { error: 'send JSON' });
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(400, { error: 'invalid JSON' });
      }
      const problem = validate(body);
      return problem ? send(400, { error: problem }) : send(200, { label: 'setosa', score: 0.97 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const suite = (checks: string) =>
  apiSuite(
    `type: http
baseUrl: ${url}
retry: { maxRetries: 0 }
timeouts: { firstByte: 5s, idle: 5s, total: 20s }`,
    `request: { method: POST, path: /predict, body: { features: [5.1, 3.5, 1.4, 0.2], model: iris } }
checks:
${checks
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}`,
  );

describe('health against a type: http target', () => {
  it('checks status, fields and values of /stats at the origin', async () => {
    const run = await runApi(
      suite(`health:
  endpoints:
    - { path: /stats, fields: [model.name, counters.requests], equals: { status: ok, model.version: 3 } }`),
    );
    expect(run.check('health').status).toBe('pass');
    expect(run.check('health').message).toBe('/stats answered as expected');
  });

  it('reports every problem of every endpoint', async () => {
    const run = await runApi(
      suite(`health:
  endpoints:
    - { path: /stats, fields: [model.owner, counters.requests], equals: { status: healthy, model.version: 3 } }
    - { path: /ready }
    - { path: /missing, status: 2xx }`),
    );
    const result = run.check('health');
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/^4 problems: /);
    expect(result.message).toContain('GET /stats: field "model.owner" is missing');
    expect(result.message).toContain('GET /stats: field "status" is "ok", expected "healthy"');
    expect(result.message).toContain('GET /ready: the body is not JSON (content-type text/plain): "OK"');
    expect(result.message).toContain('GET /missing: answered 404, expected a 2xx');
    expect(result.message).toContain(`read at the target's origin (${url})`);
    expect(result.evidence?.curl).toBe(
      `curl '${url}/stats' -H 'accept: application/json' -H 'user-agent: gauntlet'`,
    );
  });
});

describe('bad_input against a type: http target', () => {
  it('derives cases from the configured body; a strict service rejects them all', async () => {
    const run = await runApi(
      suite(`models: {}
bad_input: { oversizeBytes: 2000000 }`),
    );
    expect(statuses(run)).toEqual([
      ['api.models', 'skip'],
      ['api.bad_input', 'pass'],
    ]);
    expect(run.check('models').message).toMatch(/this one is type: http/);
    const details = run.check('bad_input').evidence?.details as { cases: { name: string; status: number }[] };
    const cases = details.cases.map((c) => `${c.name} → ${c.status}`);
    expect(cases).toEqual([
      'empty object {} → 400',
      'without features → 400',
      'without model → 400',
      'features[0] negative → 400',
      'features[0] huge (1e308) → 400',
      'features[1] negative → 400',
      'features[1] huge (1e308) → 400',
      'features[2] negative → 400',
      'features[2] huge (1e308) → 400',
      'features[3] negative → 400',
      'features[3] huge (1e308) → 400',
      'model empty → 400',
      'features is a string → 400',
      'model is a number → 400',
      'invalid JSON (the body cut in half) → 400',
      'Content-Type: text/plain → 415',
      'oversized body (2000000 bytes, model filled) → 413',
    ]);
  });

  it('fails the cases a lenient service accepts, with a curl line that rebuilds the oversized body', async () => {
    lenient = true;
    try {
      const run = await runApi(suite('bad_input: { oversizeBytes: 2000000 }'));
      const result = run.check('bad_input');
      expect(result.status).toBe('fail');
      expect(result.message).toMatch(
        /^9 of 17 bad inputs not rejected as expected: "features\[0\] negative" got 200: the server accepted it/,
      );
      expect(result.evidence?.curl).toContain('"features":[-1,3.5,1.4,0.2]');
      const failures = result.evidence?.details?.failures as { name: string; curl: string }[];
      const oversized = failures.find((f) => f.name.startsWith('oversized'));
      const [pipe, curl] = (oversized?.curl ?? '').split(' | curl ');
      expect(curl).toMatch(/--data-binary @-$/);
      const body = execFileSync('bash', ['-c', pipe as string], { maxBuffer: 4 * LIMIT }).toString('utf8');
      expect(body.length).toBe(2_000_000);
      expect(JSON.parse(body).model).toMatch(/^lorem ipsum lorem ipsum /);
    } finally {
      lenient = false;
    }
  });
});
