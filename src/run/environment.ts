/** What a run ran on, recorded in summary.json so a number can be traced back to its machine and commit. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { gauntletVersion } from '../version.js';
import type { EnvironmentInfo } from './summary.js';

/** Gauntlet, Node, OS, CPU and memory, and the git commit of `cwd` when it is a checkout. */
export function collectEnvironment(cwd: string): EnvironmentInfo {
  const cpus = os.cpus();
  const info: EnvironmentInfo = {
    gauntletVersion: gauntletVersion(),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 1048576),
  };
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
      .toString()
      .trim();
  try {
    info.gitCommit = git(['rev-parse', 'HEAD']);
    info.gitDirty = git(['status', '--porcelain', '--untracked-files=no']).length > 0;
  } catch {
    // Not a checkout, or git is missing: the commit is simply unknown.
  }
  return info;
}
