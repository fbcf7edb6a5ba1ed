/** Paths to the data fixtures and the parser's own reason for a line that is not JSON. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path of a file under test/fixtures/data/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/data/${name}`, import.meta.url));
}

/** The message JSON.parse gives for `text` (it differs between Node versions, so it is not hard-coded). */
export function jsonReason(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return `invalid JSON: ${(err as Error).message}`;
  }
  throw new Error(`${text} is valid JSON`);
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gauntlet-data-'));
}
