import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchTarget } from '../../../src/target/launch/index.js';
import { childPids, eventually, isRunning, serverSpec } from './helpers.js';

describe('stopping a target', () => {
  it('kills the grandchild it spawned in its group', async () => {
    const kids = childPids();
    const target = await launchTarget(serverSpec(['--delay', '0', '--child']), { onOutput: kids.onOutput });
    const [grandchild] = kids.pids;
    expect(grandchild).toBeDefined();
    expect(isRunning(grandchild as number)).toBe(true);
    // Both processes are measured, not just the leader.
    await new Promise((r) => setTimeout(r, 150));
    const started = Date.now();
    await target.stop();
    // Well inside the 2s shutdown timeout: SIGTERM reached the grandchild, no SIGKILL was needed.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(isRunning(target.pid)).toBe(false);
    expect(await eventually(() => !isRunning(grandchild as number), 1000)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('kills a grandchild that left the process group', async () => {
    const kids = childPids();
    const target = await launchTarget(serverSpec(['--delay', '0', '--escaped-child']), {
      onOutput: kids.onOutput,
    });
    const [grandchild] = kids.pids;
    expect(isRunning(grandchild as number)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    const started = Date.now();
    await target.stop();
    // A group signal misses it; it must get its own SIGTERM, not wait for the SIGKILL after 2s.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await eventually(() => !isRunning(grandchild as number), 1000)).toBe(true);
  });

  it('SIGKILLs a target that ignores the shutdown signal, after the shutdown timeout', async () => {
    const lines: string[] = [];
    const spec = serverSpec(['--delay', '0', '--ignore-term']);
    const target = await launchTarget(
      { ...spec, shutdown: { signal: 'SIGTERM', timeoutMs: 400 } },
      { onOutput: (_s, line) => lines.push(line) },
    );
    const started = Date.now();
    await target.stop();
    const took = Date.now() - started;
    expect(lines).toContain('ignoring SIGTERM');
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(3000);
    expect(isRunning(target.pid)).toBe(false);
  });

  it.each([
    ['process.exit()', []],
    ['running out of work', ['--natural']],
  ])('kills the target when Gauntlet exits by %s without stopping it', async (_how, flags) => {
    const parent = fileURLToPath(new URL('../../fixtures/launch/orphan-parent.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', parent, ...flags], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A target that held the event loop open would hang the parent here until the test timed out.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const [code] = await new Promise<[number | null]>((resolve) => child.once('close', (c) => resolve([c])));
    clearTimeout(timer);
    expect(err).toBe('');
    expect(code).toBe(0);
    const target = Number(/target-pid (\d+)/.exec(out)?.[1]);
    const grandchild = Number(/child-pid (\d+)/.exec(out)?.[1]);
    expect(target).toBeGreaterThan(0);
    expect(grandchild).toBeGreaterThan(0);
    expect(await eventually(() => !isRunning(target) && !isRunning(grandchild), 2000)).toBe(true);
  });
});
