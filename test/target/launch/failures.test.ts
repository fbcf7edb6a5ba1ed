import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LaunchError, launchTarget } from '../../../src/target/launch/index.js';
import { eventually, isRunning, serverSpec } from './helpers.js';

async function launchError(promise: Promise<unknown>): Promise<LaunchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LaunchError);
  return err as LaunchError;
}

const shutdown = { signal: 'SIGTERM' as const, timeoutMs: 1000 };

describe('launchTarget failures', () => {
  it('gives E_LAUNCH_EXITED with the exit code and stderr when the target dies before ready', async () => {
    const script =
      "console.log('loading model'); console.error('fatal: model file not found'); process.exit(2)";
    const err = await launchError(
      launchTarget({
        command: [process.execPath, '-e', script],
        ready: { url: 'http://127.0.0.1:9/health', timeoutMs: 10_000, intervalMs: 20 },
        shutdown,
      }),
    );
    expect(err.code).toBe('E_LAUNCH_EXITED');
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain('exit code 2');
    expect(err.message).toContain('fatal: model file not found');
    expect(err.message).toContain('loading model');
    expect(err.details.exit).toEqual({ code: 2, signal: null });
  });

  it('names a shell command that does not exist', async () => {
    const err = await launchError(
      launchTarget({
        command: 'gauntlet-no-such-command-xyz --serve',
        ready: { url: 'http://127.0.0.1:9/', timeoutMs: 10_000, intervalMs: 20 },
        shutdown,
      }),
    );
    expect(err.code).toBe('E_LAUNCH_EXITED');
    expect(err.message).toContain('exit code 127, command not found');
    expect(err.message).toContain('gauntlet-no-such-command-xyz');
  });

  it('gives E_LAUNCH_SPAWN when the program cannot be spawned', async () => {
    const err = await launchError(
      launchTarget({
        command: ['/nonexistent/gauntlet-server'],
        ready: { url: 'http://127.0.0.1:9/', timeoutMs: 1000, intervalMs: 20 },
        shutdown,
      }),
    );
    expect(err.code).toBe('E_LAUNCH_SPAWN');
    expect(err.message).toContain('ENOENT');
  });

  it('gives E_LAUNCH_TIMEOUT quickly when the target never becomes ready, and kills it', async () => {
    const started = Date.now();
    const spec = serverSpec(['--delay', '60000']);
    const err = await launchError(launchTarget({ ...spec, ready: { ...spec.ready, timeoutMs: 500 } }));
    const took = Date.now() - started;
    expect(err.code).toBe('E_LAUNCH_TIMEOUT');
    expect(err.exitCode).toBe(3);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2500);
    expect(err.message).toMatch(/http:\/\/127\.0\.0\.1:\d+\/health/);
    expect(err.message).toContain('500ms');
    expect(err.message).toContain('connection refused');
    expect(err.details.pid).toBeGreaterThan(0);
    expect(isRunning(err.details.pid as number)).toBe(false);
  });

  it('says what the last poll got when something answers with the wrong status', async () => {
    // The ready URL points at a server in this process that always says 404; the target only idles.
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const err = await launchError(
        launchTarget({
          command: [process.execPath, '-e', "console.log('warming up'); setInterval(() => {}, 1000)"],
          ready: { url: `http://127.0.0.1:${port}/health`, timeoutMs: 800, intervalMs: 20 },
          shutdown,
        }),
      );
      expect(err.code).toBe('E_LAUNCH_TIMEOUT');
      expect(err.message, err.message).toContain('last poll: HTTP 404');
      expect(err.message).toContain('warming up');
    } finally {
      server.close();
    }
  });

  it('stops the target and rethrows the reason when the launch is aborted', async () => {
    const ctl = new AbortController();
    const pids: number[] = [];
    const pending = launchTarget(serverSpec(['--delay', '60000', '--child']), {
      signal: ctl.signal,
      onOutput: (_s, line) => {
        const m = /^child-pid (\d+)$/.exec(line);
        if (m) pids.push(Number(m[1]));
      },
    });
    await eventually(() => pids.length > 0);
    ctl.abort(new Error('user pressed Ctrl-C'));
    await expect(pending).rejects.toThrow('user pressed Ctrl-C');
    expect(isRunning(pids[0] as number)).toBe(false);
  });

  it('refuses an already aborted signal without starting anything', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('too late'));
    await expect(launchTarget(serverSpec(), { signal: ctl.signal })).rejects.toThrow('too late');
  });
});
