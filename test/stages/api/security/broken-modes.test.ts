/** Each security broken mode of the reference server fails exactly its check, with a message naming the problem. */
import { describe, expect, it } from 'vitest';
import type { BrokenMode } from '../../../../src/serve/index.js';
import { ALL_FOUR, apiSuite, runSuite, secureOptions, serve } from './helpers.js';

const CASES: { mode: BrokenMode; check: string; message: RegExp }[] = [
  {
    mode: 'auth-bypass',
    check: 'auth',
    message: /unknown key .*got 200, expected 401: the server accepted a credential it never issued/,
  },
  { mode: 'no-retry-after', check: 'rate_limit', message: /the 429 carries no Retry-After header/ },
  {
    mode: 'cors-wildcard-credentials',
    check: 'cors',
    message: /access-control-allow-origin is \* together with access-control-allow-credentials: true/,
  },
  { mode: 'reflect-xss', check: 'injection', message: /text\/html answer reflects the payload unescaped/ },
  { mode: 'stack-trace', check: 'injection', message: /leaks a Node stack trace/ },
];

const servers = new Map<BrokenMode, { url: string }>();
for (const { mode } of CASES) servers.set(mode, await serve(secureOptions([mode])));

describe('security broken modes', () => {
  for (const { mode, check, message } of CASES) {
    it.concurrent(`${mode} fails ${check} and only ${check}`, { timeout: 60_000 }, async () => {
      const r = await runSuite(apiSuite(servers.get(mode)!.url, ALL_FOUR));
      expect(r.code).toBe(1);
      for (const name of ['auth', 'cors', 'rate_limit', 'injection']) {
        expect(r.checks[name]?.status, `${name}: ${r.checks[name]?.message}`).toBe(
          name === check ? 'fail' : 'pass',
        );
      }
      expect(r.checks[check]?.message).toMatch(message);
      expect(r.checks[check]?.evidence?.curl).toMatch(/^curl (-X OPTIONS )?'http:\/\/127.0.0.1:/);
    });
  }

  it('findings carry the payload, where it went and a curl line that reproduces it', {
    timeout: 60_000,
  }, async () => {
    const r = await runSuite(apiSuite(servers.get('stack-trace')!.url, 'injection: {}'));
    const findings = r.checks.injection?.evidence?.details?.findings as Record<string, unknown>[];
    expect(findings.length).toBeGreaterThanOrEqual(2);
    expect(findings[0]).toMatchObject({
      where: 'body.model',
      payload: "' OR 1=1 --",
      kind: 'sql',
      status: 500,
      problems: expect.arrayContaining([expect.stringMatching(/leaks a Node stack trace/)]),
    });
    expect(findings[0]?.curl).toContain(`--data-raw '{"model":"'\\'' OR 1=1 --"`);
    expect(findings[0]?.curl).toContain('"authorization: Bearer $OPENAI_API_KEY"');
  });
});
