#!/usr/bin/env node
// The published binary runs the compiled code; `npm run build` (or `npm start`) produces it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'gauntlet: dist/ is missing; run `npm run build` (or `npm start`, which builds) first.\n',
  );
  process.exit(3);
}
await import(entry.href);
