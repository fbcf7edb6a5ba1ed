/**
 * Starts a load worker thread from the file next to this module: `worker.js` in the compiled package, or
 * `worker.ts` when this module itself runs as TypeScript (vitest, tsx). Node 20 ignores ESM loaders given
 * in a Worker's execArgv (nodejs/node#47747: `--import tsx` there still fails on `.ts`), so the TypeScript
 * path boots through a small script that registers tsx's loader inside the worker, then imports the file.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInput } from './messages.js';

/** A new worker thread running worker.ts/worker.js with `input` as its workerData. */
export function spawnWorker(input: WorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: input });
}

// tsx is a dev dependency: only resolved on the TypeScript path. Its `esm/api` export resolves to the CJS
// build under require(); the ESM build beside it is the one whose register() installs the loader.
function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}
