/**
 * Bundles a TypeScript entry (and the src/ it imports) into one ESM file for plain `node`, so a measured
 * child spends no CPU on tsx's on-the-fly compilation, the way a built CLI would run. Falls back to
 * `node --import tsx` when esbuild (a dependency of tsx) cannot be loaded.
 */
import { basename, join } from 'node:path';
import { scratch } from './children.js';

/** How to run the entry: `node ...argv`. */
export interface Runnable {
  argv: string[];
  how: 'bundled' | 'tsx';
}

/** Bundles `entry` into the script's temporary folder (removed when it exits). */
export async function bundle(entry: string): Promise<Runnable> {
  try {
    const esbuild = await import('esbuild');
    const outfile = join(scratch(), `${basename(entry, '.ts')}.mjs`);
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
