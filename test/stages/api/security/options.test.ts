/**
 * The security checks' options and their edges: other auth statuses, no valid key, a target without a rate
 * limit, overload under a burst, CORS left off, and what injection counts as a reflection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson } from '../../../serve/helpers.js';
import { apiSuite, KEY, runSuite, serve } from './helpers.js';

const FAST = {
  seed: 3,
  latency: { ttft: { dist: 'fixed', ms: 1 }, perToken: { dist: 'fixed', ms: 0 } },
} as const;
const XSS = '<script>alert(1)</script>';

const keyed = await serve({ ...FAST, apiKeys: [KEY] });
const open = await serve(FAST);
const limited = await serve({ ...FAST, rateLimit: { requestsPerSecond: 2, burst: 5 } });
const overloaded = await serve({
  ...FAST,
  rateLimit: { requestsPerSecond: 2, burst: 5 },
  faults: { errorRate: 0.5, seed: 1 },
});
const headerless = await serve({
  ...FAST,
  rateLimit: { requestsPerSecond: 2, burst: 5 },
  broken: ['no-retry-after'],
});
// The simulated model answers a markup prompt with the markup (short enough for max_tokens 8).
const MARKUP = '<i>x</i>';
const echoing = await serve({ ...FAST, answers: [{ match: MARKUP, response: MARKUP }] });
const mini = await miniServer();

describe('auth options', () => {
  it('expect: another status for invalid keys fails with a hint, and passes once configured', {
    timeout: 30_000,
  }, async () => {
    const strict = await runSuite(apiSuite(mini, 'auth: {}'));
    expect(strict.checks.auth?.status).toBe('fail');
    expect(strict.checks.auth?.message).toMatch(
      /unknown key \(Bearer invalid-key-\w+\): got 403, expected 401; if the server means 403, set checks.auth.expect.invalid: \[403\]/,
    );
    const configured = await runSuite(
      apiSuite(mini, 'auth: { expect: { invalid: [403], malformed: [401, 403] } }'),
    );
    expect(configured.checks.auth?.status, configured.checks.auth?.message).toBe('pass');
    expect(configured.checks.auth?.message).toMatch(
      /refused 6 bad credentials \(401\/403\) and accepted the valid key \(200\)/,
    );
  });

  it('a key the server refuses fails as the valid key being refused', { timeout: 30_000 }, async () => {
    const r = await runSuite(apiSuite(keyed.url, 'auth: { validKey: sk-not-the-right-one }'));
    expect(r.checks.auth?.status).toBe('fail');
    expect(r.checks.auth?.message).toMatch(
      /the valid key: got 401, expected a 2xx \(the key was refused: check/,
    );
  });

  it('skips without any valid key, saying what to set', { timeout: 30_000 }, async () => {
    const r = await runSuite(apiSuite(open.url, 'auth: {}', ''));
    expect(r.checks.auth?.status).toBe('skip');
    expect(r.checks.auth?.message).toMatch(/set the target's `apiKey` \(or `checks.auth.validKey`\)/);
  });

  it('an open endpoint fails every refusal probe', { timeout: 30_000 }, async () => {
    const r = await runSuite(apiSuite(open.url, 'auth: {}'));
    expect(r.checks.auth?.status).toBe('fail');
    expect(r.checks.auth?.message).toMatch(
      /^6 of 7 probes failed: no Authorization header: got 200, expected 401: the endpoint is open/,
    );
  });
});

describe('rate_limit options', () => {
  it('a target without a limit fails, saying to drop the check', { timeout: 30_000 }, async () => {
    const r = await runSuite(apiSuite(open.url, 'rate_limit: { burst: 20, concurrency: 5 }'));
    expect(r.checks.rate_limit?.status).toBe('fail');
    expect(r.checks.rate_limit?.message).toMatch(
      /^no 429 after 20 requests in [\d.]+ s \(concurrency 5; answers: 20× 200\); if the target has no rate limit, drop this check/,
    );
  });

  it('ten rapid requests, each 200 or 429, with a 429 among them', { timeout: 30_000 }, async () => {
    const r = await runSuite(
      apiSuite(limited.url, 'rate_limit: { burst: 10, concurrency: 10, maxWait: 5s }'),
    );
    expect(r.checks.rate_limit?.status, r.checks.rate_limit?.message).toBe('pass');
    expect(r.checks.rate_limit?.metrics).toMatchObject({ requests_sent: 10, recovery_status: 200 });
    expect(r.checks.rate_limit?.metrics?.retry_after_s).toBeGreaterThanOrEqual(1);
    expect(r.checks.rate_limit?.metrics?.waited_ms).toBeGreaterThanOrEqual(1000);
  });

  it('a 5xx under the burst fails even though a 429 came', { timeout: 30_000 }, async () => {
    const r = await runSuite(
      apiSuite(overloaded.url, 'rate_limit: { burst: 10, concurrency: 10, maxWait: 5s }'),
    );
    expect(r.checks.rate_limit?.status).toBe('fail');
    expect(r.checks.rate_limit?.message).toMatch(
      /of 10 burst requests answered 500 .*every answer must be a 2xx or a 429/,
    );
  });

  it('retryAfter: false accepts a 429 without the header, and polls until the limit lifts', {
    timeout: 30_000,
  }, async () => {
    const r = await runSuite(
      apiSuite(headerless.url, 'rate_limit: { burst: 10, retryAfter: false, maxWait: 5s }'),
    );
    expect(r.checks.rate_limit?.status, r.checks.rate_limit?.message).toBe('pass');
    expect(r.checks.rate_limit?.message).toMatch(
      /; no Retry-After; after waiting [\d.]+ s the next request got 200$/,
    );
  });

  it('a Retry-After over maxWait fails without waiting it', { timeout: 30_000 }, async () => {
    const r = await runSuite(apiSuite(limited.url, 'rate_limit: { burst: 10, maxWait: 100ms }'));
    expect(r.checks.rate_limit?.status).toBe('fail');
    expect(r.checks.rate_limit?.message).toMatch(/Retry-After is \d\.\d s, over maxWait 0\.1 s/);
  });
});

describe('cors', () => {
  it('fails against a server with CORS left off (the default)', { timeout: 30_000 }, async () => {
    const r = await runSuite(apiSuite(open.url, 'cors: {}'));
    expect(r.checks.cors?.status).toBe('fail');
    expect(r.checks.cors?.message).toMatch(
      /preflight OPTIONS \/chat\/completions from https:\/\/app.example.com: answered 404 and no access-control-allow-origin, expected 200 or 204: the server does not answer preflights/,
    );
    expect(r.checks.cors?.message).toMatch(
      /POST \/chat\/completions with Origin https:\/\/app.example.com: no access-control-allow-origin/,
    );
  });
});

describe('injection: what counts as a reflection', () => {
  it('a completion repeating the payload is model output, not a finding', { timeout: 30_000 }, async () => {
    // The premise: the model does answer with the raw payload.
    const res = await fetch(`${echoing.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gauntlet-sim',
        messages: [{ role: 'user', content: MARKUP }],
        max_tokens: 8,
      }),
    });
    expect((await readJson(res)).choices[0].message.content).toBe(MARKUP);
    const r = await runSuite(apiSuite(echoing.url, `injection: { payloads: ['${MARKUP}'] }`));
    expect(r.checks.injection?.status, r.checks.injection?.message).toBe('pass');
  });

  it('a JSON error repeating the payload raw is one, named with where it went and a curl line', {
    timeout: 30_000,
  }, async () => {
    const r = await runSuite(apiSuite(mini, "injection: { where: [body], payloads: ['<b onmouseover=x>'] }"));
    const check = r.checks.injection;
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(
      /^3 of \d+ probes failed: body.model ← "<script>alert\(1\)<\/script>" → 404: the JSON error repeats the payload unescaped in error.message/,
    );
    const findings = check?.evidence?.details?.findings as { where: string; payload: string; curl: string }[];
    expect(findings.map((f) => [f.where, f.payload])).toEqual([
      ['body.model', XSS],
      ['body.model', '"><img src=x onerror=alert(1)>'],
      ['body.model', '<b onmouseover=x>'],
    ]);
    expect(findings[0]?.curl).toContain("'http://127.0.0.1:");
    expect(findings[0]?.curl).toContain('<script>alert(1)</script>');
  });
});

/**
 * A small OpenAI-like server with two habits of real ones: 403 for an unknown key (401 without one), and
 * the unknown model repeated raw in a JSON error. Chat answers echo the prompt.
 */
async function miniServer(): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const auth = req.headers.authorization;
      if (!auth?.startsWith('Bearer ')) return send(401, { error: { message: 'no key' } });
      if (auth !== `Bearer ${KEY}`) return send(403, { error: { message: 'key not allowed' } });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
        return send(404, { error: { message: 'no such route' } });
      let body: { model?: unknown; messages?: { content?: unknown }[] };
      try {
        body = JSON.parse(raw);
      } catch {
        return send(400, { error: { message: 'bad json' } });
      }
      if (body.model !== 'gauntlet-sim')
        return send(404, { error: { message: `The model '${String(body.model)}' does not exist` } });
      const content = String(body.messages?.[0]?.content ?? '');
      send(200, {
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: `You said: ${content}` },
            finish_reason: 'stop',
          },
        ],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
