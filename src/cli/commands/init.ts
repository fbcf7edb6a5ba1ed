/** `gauntlet init`: writes a commented starter suite, never over an existing file without --force. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';
import { STARTER_SUITE } from './starter-suite.js';

/** Writes the starter suite; returns the exit code. */
export async function initCommand(file: string, flags: { force?: boolean }, io: CliIO): Promise<number> {
  try {
    const target = path.resolve(io.cwd, file);
    if (existsSync(target) && !flags.force) {
      throw new UsageError(`${file} already exists; pass --force to overwrite it, or give another file name`);
    }
    writeFileSync(target, STARTER_SUITE);
    io.stdout.write(`wrote ${file}\nnext: gauntlet run ${file === 'gauntlet.yaml' ? '' : file}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}
