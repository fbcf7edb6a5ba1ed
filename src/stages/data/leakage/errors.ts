/** Errors a leakage check shows a user. */
import { GauntletError } from '../../../errors.js';

/** Leakage options out of range (exit 2: the user must fix the input). */
export class LeakageOptionsError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_LEAKAGE_OPTIONS', `leakage options: ${message}`, { ...options, exitCode: 2 });
  }
}
