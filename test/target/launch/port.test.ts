import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePort, substitutePort } from '../../../src/target/launch/index.js';
import { resolvePort } from '../../../src/target/launch/port.js';

describe('findFreePort', () => {
  it('returns a loopback port that can be listened on', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('substitutePort', () => {
  it('replaces every placeholder and nothing else', () => {
    expect(substitutePort('--port {port} --url http://h:{port}/ {ports}', 8123)).toBe(
      '--port 8123 --url http://h:8123/ {ports}',
    );
    expect(substitutePort('no placeholder', 1)).toBe('no placeholder');
  });
});

describe('resolvePort', () => {
  const base = {
    ready: { url: 'http://127.0.0.1:{port}/health', timeoutMs: 1000, intervalMs: 50 },
    shutdown: { signal: 'SIGTERM' as const, timeoutMs: 1000 },
  };

  it('fills one free port into the command, env and ready URL', async () => {
    const { spec, port } = await resolvePort({
      ...base,
      command: ['srv', '--port={port}'],
      env: { P: '{port}' },
    });
    expect(port).toBeGreaterThan(0);
    expect(spec.command).toEqual(['srv', `--port=${port}`]);
    expect(spec.env).toEqual({ P: String(port) });
    expect(spec.ready.url).toBe(`http://127.0.0.1:${port}/health`);
  });

  it('leaves a spec without placeholders alone', async () => {
    const spec = { ...base, command: 'srv', ready: { ...base.ready, url: 'http://127.0.0.1:8000/' } };
    const resolved = await resolvePort(spec);
    expect(resolved.port).toBeUndefined();
    expect(resolved.spec).toBe(spec);
  });
});
