/**
 * An on-disk response cache keyed by the request (endpoint URL, body): re-running an eval after changing
 * only its assertions costs no model calls. One small JSON file per response, written atomically.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelOutput } from './types.js';

export class ResponseCache {
  constructor(readonly dir: string) {}

  /** The cache key of a request. */
  static key(url: string, body: unknown): string {
    return createHash('sha256').update(url).update('\n').update(JSON.stringify(body)).digest('hex');
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** A cached output, or undefined (a missing or unreadable entry is a miss, never an error). */
  async get(key: string): Promise<ModelOutput | undefined> {
    try {
      const out = JSON.parse(await readFile(this.file(key), 'utf8')) as ModelOutput;
      return { ...out, cached: true };
    } catch {
      return undefined;
    }
  }

  /** Stores a successful output. */
  async set(key: string, output: ModelOutput): Promise<void> {
    if (output.error) return;
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ ...output, cached: false }));
    await rename(tmp, file);
  }
}
