/** `gauntlet proxy`: bad flags exit 2 naming the flag; a good run serves until the signal and stops. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { runCli } from '../../helpers/cli.js';
import { upstream } from './helpers.js';

describe('gauntlet proxy flags', () => {
  const bad: [string[], string][] = [
    [[], '--upstream is required'],
    [['--upstream', 'localhost:8000'], '--upstream'],
    [['--upstream', 'ftp://127.0.0.1:21'], '--upstream'],
    [['--upstream', 'http://127.0.0.1:8000/v1'], 'must be an origin like http://127.0.0.1:8000'],
    [['--listen', 'nowhere'], '--listen'],
    [['--listen', '127.0.0.1:70000'], '--listen'],
    [['--control-port', 'x'], '--control-port'],
    [['--seed', '1.5'], '--seed'],
    [['--token', ''], '--token'],
    [['--fault', '{type: latency}'], '--fault {type: latency} is not JSON'],
    [['--fault', '{"type":"latncy"}'], 'did you mean latency'],
    [['--fault', '{"type":"latency","latency":"fast"}'], 'latency: expected a duration'],
  ];
  for (const [args, message] of bad) {
    it(`exits 2 on ${args.join(' ') || 'no --upstream'}`, async () => {
      const withUpstream =
        args[0] === '--upstream' || args.length === 0
          ? args
          : ['--upstream', 'http://127.0.0.1:8000', ...args];
      const r = await runCli(['proxy', ...withUpstream]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    });
  }
});

describe('gauntlet proxy', () => {
  it('prints the proxy and control URLs and the token, applies --fault, and stops on the signal', async () => {
    const up = await upstream();
    let out = '';
    const stdout = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const stderr = new Writable({ write: (_c, _e, cb) => cb() });
    const stop = new AbortController();
    const running = main(
      ['proxy', '--upstream', up.url, '--seed', '4', '--fault', '{"type":"http_error","status":429}'],
      { stdout, stderr, env: {}, cwd: process.cwd(), signal: stop.signal, color: false },
    );
    const started = Date.now();
    while (!out.includes('control API') && Date.now() - started < 10_000)
      await new Promise((r) => setTimeout(r, 20));
    const proxyUrl = /gauntlet proxy: (http:\/\/127\.0\.0\.1:\d+) ->/.exec(out)?.[1];
    const controlUrl = /control API: (http:\/\/127\.0\.0\.1:\d+) with Authorization: Bearer (\S+)/.exec(out);
    expect(proxyUrl).toBeDefined();
    expect(controlUrl).not.toBeNull();
    expect(out).toContain('seed 4');
    expect((await fetch(`${proxyUrl}/json`)).status).toBe(429);
    const faults = await fetch(`${controlUrl?.[1]}/faults`, {
      headers: { authorization: `Bearer ${controlUrl?.[2]}` },
    });
    expect(((await faults.json()) as { name: string }[]).map((f) => f.name)).toEqual(['http_error']);
    stop.abort();
    expect(await running).toBe(0);
    expect(out).toContain('stopped');
    await expect(fetch(`${proxyUrl}/json`)).rejects.toThrow();
  });
});
