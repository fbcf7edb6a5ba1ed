/**
 * What the benchmarks share about running Gauntlet itself: the compiled CLI (built first when dist/ is
 * older than src/, so a bench never measures stale code) and the run folder a run created.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The compiled CLI (`node bin/gauntlet.js`), as users run it: `npm run build` first when dist/ is missing
 * or older than any file in src/. Returns the argv to run it with `process.execPath`.
 */
export function compiledCli(log: (line: string) => void): string[] {
  const entry = join(root, 'dist/cli/bin.js');
  const stale = !existsSync(entry) || statSync(entry).mtimeMs < newestMtime(join(root, 'src'));
  if (stale) {
    log('dist/ is missing or older than src/: building (npm run build)...');
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (err) {
      const out = `${(err as { stdout?: Buffer }).stdout ?? ''}`.split('\n').slice(0, 20).join('\n');
      // tsc still writes JavaScript when only types are wrong; the run decides whether it works.
      log(`the build reported type errors (continuing with what it emitted):\n${out}`);
    }
  }
  return [join(root, 'bin/gauntlet.js')];
}

/** The run folder a `gauntlet run --out DIR` created (DIR/<stamp>-<id>/), once it exists. */
export function runDirIn(outDir: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  const dirs = readdirSync(outDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  return dirs.length > 0 ? join(outDir, (dirs[dirs.length - 1] as { name: string }).name) : undefined;
}
