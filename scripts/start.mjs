#!/usr/bin/env node
// `npm start`: installs what is missing, builds when the sources are newer than the build, and runs the
// quickstart suite (`npm start -- --engine llama`: against llama.cpp instead of the simulated engine).
// Plain JavaScript with no dependencies, because it runs before anything is installed.
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
const gauntlet = path.join(root, 'bin', 'gauntlet.js');
const { engine, rest } = engineFlag(process.argv.slice(2));
let suite = path.join('examples', 'quickstart', 'gauntlet.yaml');
if (engine === 'llama') {
  // The real engine: llama.cpp on a 1 MB model our own code writes (no download), and the suite that
  // checks what holds for any model (the quickstart's eval cases need the simulated engine's answers).
  const model = path.join(root, '.gauntlet', 'models', 'gauntlet-tiny.gguf');
  if (!existsSync(model) && run(process.execPath, [gauntlet, 'model', 'tiny', '--out', model]) !== 0) {
    process.exit(3);
  }
  process.env.GAUNTLET_MODEL_FILE = model;
  suite = path.join('examples', 'llama', 'gauntlet.yaml');
}
process.exit(run(process.execPath, [gauntlet, 'run', suite, ...rest]));

/** `--engine sim|llama` (or `--engine=...`) is the quickstart's own flag; the rest goes to `gauntlet run`. */
function engineFlag(args) {
  const rest = [];
  let engine = 'sim';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--engine') engine = args[++i] ?? '';
    else if (a.startsWith('--engine=')) engine = a.slice('--engine='.length);
    else rest.push(a);
  }
  if (engine !== 'sim' && engine !== 'llama') {
    console.error(
      `npm start: --engine must be sim (the simulated engine, default) or llama (llama.cpp); got "${engine}"`,
    );
    process.exit(2);
  }
  return { engine, rest };
}
