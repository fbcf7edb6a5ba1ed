/**
 * The reference server's side of the security checks: CORS (off by default, preflights before the guard,
 * headers on errors too), input quoted safely in error messages, and the `--cors` / `--rate-limit` flags.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli/main.js';
import { runCli } from '../../../helpers/cli.js';
import { readJson } from '../../../serve/helpers.js';
import { KEY, ORIGIN, secureOptions, serve } from './helpers.js';

const secure = await serve(secureOptions([], { rateLimit: { requestsPerSecond: 1, burst: 1 } }));
const plain = await serve({ seed: 1 });

const preflight = (url: string, origin = ORIGIN) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization, x-stainless-os',
    },
  });

describe('CORS on the reference server', () => {
  it('answers an allowed preflight before auth and rate limiting, and marks errors too', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await preflight(secure.url);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')).toBe(
        'content-type, authorization, x-stainless-os',
      );
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const refused = await fetch(`${secure.url}/v1/models`, { headers: { origin: ORIGIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const limited = [1, 2].map(() =>
      fetch(`${secure.url}/v1/models`, { headers: { origin: ORIGIN, authorization: `Bearer ${KEY}` } }),
    );
    const answers = await Promise.all(limited);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429]);
    const last = answers.find((a) => a.status === 429) as Response;
    expect(last.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(last.headers.get('access-control-expose-headers')).toContain('retry-after');
  });

  it('gives other origins no CORS headers, and is off unless configured', async () => {
    const other = await preflight(secure.url, 'https://evil.example.com');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const off = await preflight(plain.url);
    expect(off.status).toBe(404);
    expect(off.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('error messages quote client input safely', () => {
  it('keeps ids as they are and escapes markup in anything else', async () => {
    const ask = async (model: string) => {
      const res = await fetch(`${plain.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }] }),
      });
      return (await readJson(res)).error.message as string;
    };
    expect(await ask('gpt-nope')).toMatch(/^The model 'gpt-nope' does not exist\./);
    const escaped = await ask('<script>alert(1)</script>');
    expect(escaped).not.toContain('<');
    expect(escaped).toContain('"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
    const byPath = await readJson(await fetch(`${plain.url}/v1/models/%3Cb%3E`));
    expect(byPath.error.message).toBe('The model "\\u003cb\\u003e" does not exist.');
  });
});

describe('gauntlet serve flags', () => {
  it('--cors and --rate-limit configure the server', { timeout: 15_000 }, async () => {
    const stop = new AbortController();
    let out = '';
    let listening: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => {
      listening = resolve;
    });
    const stdout = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        const m = /listening on (\S+)\/v1/.exec(out);
        if (m) listening(m[1] as string);
        cb();
      },
    });
    const io = { stdout, stderr: stdout, env: {}, cwd: process.cwd(), signal: stop.signal, color: false };
    const done = main(['serve', '--port', '0', '--cors', ORIGIN, '--rate-limit', '1:2'], io);
    try {
      const base = await url;
      expect((await preflight(base)).headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/v1/models`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      stop.abort();
    }
    expect(await done).toBe(0);
  });

  it('refuses a malformed --rate-limit with exit code 2', async () => {
    const r = await runCli(['serve', '--port', '0', '--rate-limit', 'fast']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--rate-limit must be requests per second, optionally with a burst, like 5 or 5:10; got "fast"/,
    );
  });
});
