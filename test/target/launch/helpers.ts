import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { LaunchSpec } from '../../../src/target/launch/index.js';

/** The fixture server; see its header for flags. */
export const SERVER = fileURLToPath(new URL('../../fixtures/launch/server.mjs', import.meta.url));

/** A spec that runs the fixture server on a free port with `flags`. */
export function serverSpec(flags: string[] = [], over: Partial<LaunchSpec> = {}): LaunchSpec {
  return {
    command: [process.execPath, SERVER, '--port', '{port}', ...flags],
    ready: { url: 'http://127.0.0.1:{port}/health', timeoutMs: 10_000, intervalMs: 20 },
    shutdown: { signal: 'SIGTERM', timeoutMs: 2000 },
    sampleIntervalMs: 50,
    ...over,
  };
}

/** Whether `pid` is a running process; a zombie (dead, not yet reaped by its parent) counts as gone. */
export function isRunning(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything answers HTTP on 127.0.0.1:`port`. */
export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls `check` until true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
}

/** Collects `child-pid N` lines the fixture prints. */
export function childPids(): { pids: number[]; onOutput: (stream: string, line: string) => void } {
  const pids: number[] = [];
  return {
    pids,
    onOutput: (_stream, line) => {
      const m = /^child-pid (\d+)$/.exec(line);
      if (m) pids.push(Number(m[1]));
    },
  };
}
