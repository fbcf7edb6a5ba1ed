import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from '../../src/target/curl.js';

/** Runs the line in bash with a fake `curl` that prints its arguments, NUL-separated. */
function argsOf(line: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${line}`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.toString('utf8').split('\0').slice(0, -1);
}

describe('toCurl', () => {
  const req = {
    method: 'POST',
    url: 'http://127.0.0.1:8000/v1/chat/completions',
    headers: {
      authorization: 'Bearer sk-secret-value',
      'content-type': 'application/json',
      'content-length': '42',
      'x-session-token': 'tok-secret',
    },
    body: {
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'it\'s a "quote" $HOME `x` \\ end' }],
    },
  };

  it('round-trips the body through the shell exactly and reads the key from the environment', () => {
    const line = toCurl(req);
    const args = argsOf(line, { OPENAI_API_KEY: 'from-env', X_SESSION_TOKEN: 'tok-env' });
    expect(args).toContain('authorization: Bearer from-env');
    expect(args).toContain('x-session-token: tok-env');
    expect(args).toContain('-N');
    expect(args).not.toContain('content-length: 42');
    const body = args[args.indexOf('--data-raw') + 1];
    expect(JSON.parse(body ?? '')).toEqual(req.body);
    expect(args).toContain('http://127.0.0.1:8000/v1/chat/completions');
  });

  it('never prints a secret, even one repeated in the URL or body', () => {
    const line = toCurl(
      { ...req, url: `${req.url}?key=sk-secret-value`, body: { note: 'sk-secret-value' } },
      { secrets: ['sk-secret-value', 'tok-secret'], apiKeyEnv: 'MY_KEY' },
    );
    expect(line).not.toContain('sk-secret-value');
    expect(line).not.toContain('tok-secret');
    expect(line).toContain('"authorization: Bearer $MY_KEY"');
  });

  it('omits -X for GET and for POST with data, and keeps it otherwise', () => {
    expect(toCurl({ method: 'GET', url: 'http://h/v1/models' })).toBe("curl 'http://h/v1/models'");
    expect(toCurl({ method: 'DELETE', url: 'http://h/x' })).toBe("curl -X DELETE 'http://h/x'");
    expect(toCurl({ method: 'POST', url: 'http://h/x', body: 'raw' })).toBe(
      "curl 'http://h/x' --data-raw 'raw'",
    );
  });

  it('shellQuote escapes single quotes', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(argsOf(`curl ${shellQuote("a'b\n$c")}`)).toEqual(["a'b\n$c"]);
  });
});
