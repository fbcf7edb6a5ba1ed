/** Gauntlet's own version, read from package.json at run time so it never drifts from the release. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version in package.json. */
export function gauntletVersion(): string {
  if (cached) return cached;
  // src/version.ts and dist/version.js both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  cached = pkg.version;
  return cached;
}
