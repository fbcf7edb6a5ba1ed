/** How an error becomes a message on stderr and an exit code, the same for every command. */
import pc from 'picocolors';
import { GauntletError } from '../errors.js';
import type { CliIO } from './io.js';

/** Prints an error for a person and returns its exit code (2 usage/config, 3 target or crash). */
export function reportError(err: unknown, io: CliIO): number {
  const colors = pc.createColors(io.color);
  if (err instanceof GauntletError) {
    io.stderr.write(`${colors.red('error')} ${colors.dim(`[${err.code}]`)} ${err.message}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.stderr.write(
    `${colors.red('internal error')}: ${e?.stack ?? String(err)}\nThis is a bug in Gauntlet; please report it with the command you ran.\n`,
  );
  return 3;
}
