/** The error a bad model file gives: said for a person, before the native loader ever sees the file. */
import { GauntletError } from '../../../errors.js';

/** A model file that is missing, unreadable, not GGUF, of an unsupported version, corrupt or truncated (exit 2). */
export class GgufError extends GauntletError {
  /** The file at fault, as the user named it. */
  readonly path: string;
  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super('E_GGUF', message, { ...options, exitCode: 2 });
    this.path = path;
  }
}
