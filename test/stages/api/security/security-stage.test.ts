/** The api stage's auth, cors, rate_limit and injection checks through the CLI, against the reference server. */
import { describe, expect, it } from 'vitest';
import { ALL_FOUR, apiSuite, KEY, runSuite, secureOptions, serve, VALID_KEY } from './helpers.js';

const secure = await serve(secureOptions());

describe('api security checks against a correct server', () => {
  it('all four pass, and no key reaches any stored file', { timeout: 60_000 }, async () => {
    const r = await runSuite(apiSuite(secure.url, ALL_FOUR));
    for (const name of ['auth', 'cors', 'rate_limit', 'injection']) {
      expect(r.checks[name]?.status, `${name}: ${r.checks[name]?.message}`).toBe('pass');
    }
    expect(r.code).toBe(0);
    expect(r.checks.auth?.message).toBe('refused 6 bad credentials (401) and accepted the valid key (200)');
    expect(r.checks.rate_limit?.message).toMatch(
      /^first 429 was answer \d+ of \d+ requests sent \(10 at a time\), [\d.]+ s into the burst .*; Retry-After "1"; after waiting 1\.\d s the next request got 200$/,
    );
    expect(r.checks.rate_limit?.metrics).toMatchObject({ retry_after_s: 1, recovery_status: 200 });
    expect(r.checks.injection?.message).toMatch(
      /^47 probes \(sql, nosql, traversal, xss payloads in path, query, body\)/,
    );
    // Made-up credentials are shown as sent, so the curl line reproduces the probe; real keys never are.
    const probes = r.checks.auth?.evidence?.details?.probes as { kind: string; curl: string }[];
    expect(probes.find((p) => p.kind === 'invalid')?.curl).toMatch(
      /"authorization: Bearer invalid-key-[0-9a-f]{24}"/,
    );
    expect(probes.find((p) => p.kind === 'missing')?.curl).not.toMatch(/authorization/i);
    expect(probes.find((p) => p.kind === 'valid')?.curl).toContain('"authorization: Bearer $OPENAI_API_KEY"');
    const files = r.stored();
    expect(files.length).toBeGreaterThan(2);
    for (const { file, text } of files) {
      expect(text.includes(KEY), file).toBe(false);
      expect(text.includes(VALID_KEY), file).toBe(false);
    }
  });
});
