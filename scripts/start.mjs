#!/usr/bin/env node
// `npm start`: installs what is missing, builds when the sources are newer than the build, and runs the
// quickstart suite. Plain JavaScript with no dependencies, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
};
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

const installed = path.join(root, 'node_modules', '.package-lock.json');
if (
  mtime(installed) < mtime(path.join(root, 'package-lock.json')) ||
  !existsSync(path.join(root, 'node_modules', 'typescript'))
) {
  console.log('gauntlet: installing dependencies (npm install)…');
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) process.exit(3);
}
const stamp = path.join(root, 'dist', 'cli', 'bin.js');
if (mtime(stamp) < Math.max(newest(path.join(root, 'src')), mtime(path.join(root, 'package.json')))) {
  console.log('gauntlet: building (tsc)…');
  if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(3);
}
const suite = path.join('examples', 'quickstart', 'gauntlet.yaml');
process.exit(
  run(process.execPath, [path.join(root, 'bin', 'gauntlet.js'), 'run', suite, ...process.argv.slice(2)]),
);
