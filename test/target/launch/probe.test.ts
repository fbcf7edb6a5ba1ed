import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTreeProbe, type ProbeBackend } from '../../../src/target/launch/probe.js';
import { parseStat } from '../../../src/target/launch/procfs.js';

describe('parseStat', () => {
  it('reads the fields after a command name holding spaces and parentheses', () => {
    const line =
      '4242 (my (odd) srv) S 1 4242 4242 0 -1 4194560 500 0 0 0 120 30 0 0 20 0 3 0 98765 1000000 2560 ' +
      '18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0';
    expect(parseStat(line)).toEqual({
      pid: 4242,
      ppid: 1,
      pgid: 4242,
      state: 'S',
      ticks: 150,
      start: '98765',
      rssPages: 2560,
    });
    expect(parseStat('garbage')).toBeUndefined();
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) {
    try {
      process.kill(-(c.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

// A detached node process (own group) with a grandchild, busy on one core when `busy`.
function startTree(busy: boolean): number {
  const body = busy ? 'for(;;){}' : 'setInterval(() => {}, 1000)';
  const script = `require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); ${body}`;
  const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' });
  children.push(child);
  return child.pid as number;
}

const backends: ProbeBackend[] = process.platform === 'linux' ? ['procfs', 'ps'] : ['ps'];

describe.each(backends)('%s probe', (backend) => {
  it('counts the leader and its grandchild, with their memory', async () => {
    const pgid = startTree(false);
    const probe = createTreeProbe(pgid, backend);
    let usage = await probe.measure();
    for (let i = 0; i < 100 && usage.processes < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      usage = await probe.measure();
    }
    expect(usage.processes).toBe(2);
    // Two node processes take tens of MiB each.
    expect(usage.rssBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(await probe.alive()).toBe(true);
    expect((await probe.snapshot()).pids).toContain(pgid);
  });

  it('measures CPU since the previous call: a busy loop shows, an idle tree does not', async () => {
    const busy = createTreeProbe(startTree(true), backend);
    const idle = createTreeProbe(startTree(false), backend);
    // Let node start up first: its start burns CPU even in the idle tree.
    await new Promise((r) => setTimeout(r, 300));
    expect((await busy.measure()).cpuPct).toBeUndefined();
    await idle.measure();
    await new Promise((r) => setTimeout(r, 500));
    const [hot, cold] = [await busy.measure(), await idle.measure()];
    // A full core when it has one; parallel test files share a small CI box, so only demand a fifth.
    expect(hot.cpuPct).toBeGreaterThan(20);
    expect(hot.cpuPct).toBeLessThan(250);
    expect(cold.cpuPct).toBeLessThan(10);
  });

  it('sees a killed group as gone', async () => {
    const pgid = startTree(false);
    const probe = createTreeProbe(pgid, backend);
    await probe.measure();
    process.kill(-pgid, 'SIGKILL');
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      await new Promise((r) => setTimeout(r, 20));
      alive = await probe.alive();
    }
    expect(alive).toBe(false);
  });
});
