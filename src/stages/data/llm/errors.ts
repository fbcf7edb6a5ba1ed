/** Errors an LLM dataset check shows a user: the file cannot be read, or the request is malformed. */
import { GauntletError } from '../../../errors.js';

/** A dataset file that cannot be read, or bad options (exit 2: the user must fix the input). */
export class DatasetError extends GauntletError {
  constructor(message: string, options: { code?: 'E_DATASET' | 'E_DATASET_OPTIONS'; cause?: unknown } = {}) {
    super(options.code ?? 'E_DATASET', message, { cause: options.cause, exitCode: 2 });
  }
}
