import { describe, expect, it } from 'vitest';
import { launchTarget } from '../../../src/target/launch/index.js';
import { answers, eventually, isRunning, SERVER, serverSpec } from './helpers.js';

describe('launchTarget', () => {
  it('starts the server, times its startup, samples it, and stops it', async () => {
    const lines: string[] = [];
    const target = await launchTarget(serverSpec(['--delay', '300']), {
      onOutput: (stream, line) => lines.push(`${stream}:${line}`),
    });
    try {
      expect(target.port).toBeGreaterThan(0);
      expect(isRunning(target.pid)).toBe(true);
      // The fixture sleeps 300ms before it listens; node's own start comes on top.
      expect(target.startupMs).toBeGreaterThanOrEqual(280);
      expect(target.startupMs).toBeLessThan(8000);
      expect(await answers(target.port as number)).toBe(true);
      expect(lines).toContain(`stdout:listening on ${target.port}`);
      await new Promise((r) => setTimeout(r, 200));
      const live = target.stats();
      expect(live.samples).toBeGreaterThan(0);
      expect(live.rssPeakMb).toBeGreaterThan(10);
      expect(live.startupMs).toBe(target.startupMs);
    } finally {
      const stats = await target.stop();
      expect(stats.samples).toBeGreaterThan(0);
      expect(stats.rssLastMb).toBeGreaterThan(0);
      expect(stats.rssMeanMb).toBeLessThanOrEqual(stats.rssPeakMb);
      expect(stats.exitedEarly).toBeUndefined();
    }
    expect(isRunning(target.pid)).toBe(false);
    expect(await answers(target.port as number)).toBe(false);
    // stop() again is a no-op returning the same final stats.
    expect(await target.stop()).toEqual(target.stats());
  });

  it('runs a string command through the shell with {port} in env', async () => {
    const target = await launchTarget({
      command: `"${process.execPath}" "${SERVER}" --delay 0`,
      env: { PORT: '{port}' },
      ready: { url: 'http://127.0.0.1:{port}/health', timeoutMs: 10_000, intervalMs: 20, expectStatus: 200 },
      shutdown: { signal: 'SIGTERM', timeoutMs: 2000 },
    });
    const port = target.port as number;
    expect(await answers(port)).toBe(true);
    await target.stop();
    expect(await answers(port)).toBe(false);
    expect(isRunning(target.pid)).toBe(false);
  });

  it('measures CPU of a busy target', async () => {
    const target = await launchTarget(serverSpec(['--delay', '0', '--busy']));
    await new Promise((r) => setTimeout(r, 600));
    const stats = await target.stop();
    // The fixture burns ~90% of a core; a loaded CI box still shows well over 30.
    expect(stats.cpuPeakPct).toBeGreaterThan(30);
    expect(stats.cpuMeanPct).toBeGreaterThan(0);
  });

  it('reports an unexpected exit after ready through onExit and stats', async () => {
    const target = await launchTarget(serverSpec(['--delay', '0']));
    const exit = new Promise<[number | null, string | null]>((resolve) =>
      target.onExit((code, signal) => resolve([code, signal])),
    );
    process.kill(target.pid, 'SIGKILL');
    expect(await exit).toEqual([null, 'SIGKILL']);
    expect(target.stats().exitedEarly).toEqual({ code: null, signal: 'SIGKILL' });
    // A listener added after the fact still hears about it.
    const late = await new Promise((resolve) => target.onExit((_code, signal) => resolve(signal)));
    expect(late).toBe('SIGKILL');
    const stats = await target.stop();
    expect(stats.exitedEarly).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('does not call onExit for the exit stop() causes', async () => {
    const target = await launchTarget(serverSpec(['--delay', '0']));
    let called = false;
    target.onExit(() => {
      called = true;
    });
    await target.stop();
    await eventually(() => called, 100);
    expect(called).toBe(false);
    expect(target.stats().exitedEarly).toBeUndefined();
  });
});
