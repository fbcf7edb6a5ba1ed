/** Errors in a workload (a bad JSONL row, an empty file): config problems, so exit 2, with file:line. */
import { GauntletError } from '../../../errors.js';

/** A workload that cannot be built; the message names the file:line and what is wrong with it. */
export class WorkloadError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_WORKLOAD', message, { ...options, exitCode: 2 });
  }
}
