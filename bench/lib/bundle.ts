/**
 * Bundles a TypeScript entry (and the src/ it imports) into one ESM file for plain `node`, so a measured
 * child spends no CPU on tsx's on-the-fly compilation, the way a built CLI would run. Falls back to
 * `node --import tsx` when esbuild (a dependency of tsx) cannot be loaded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './children.js';

/** How to run the entry: `node ...argv`. */
export interface Runnable {
  argv: string[];
  how: 'bundled' | 'tsx';
}

/** Bundles `entry` into a temporary folder removed when the script exits. */
export async function bundle(entry: string): Promise<Runnable> {
  try {
    const esbuild = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-bundle-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const outfile = join(dir, 'client.mjs');
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      // Some CommonJS dependencies call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    return { argv: [outfile], how: 'bundled' };
  } catch {
    return { argv: ['--import', 'tsx', entry], how: 'tsx' };
  }
}
