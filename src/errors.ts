/**
 * Errors that reach a user. Each has a stable `code`, a message that says what to do, and an exit code
 * (DESIGN.md: 0 pass, 1 gates failed, 2 bad usage or config, 3 target unreachable or crash).
 */
export type ExitCode = 0 | 1 | 2 | 3;

/** Base class of every error Gauntlet shows a user. */
export class GauntletError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  constructor(code: string, message: string, options: { exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 3;
  }
}

/** Bad flags or arguments on the command line (exit 2). */
export class UsageError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_USAGE', message, { ...options, exitCode: 2 });
  }
}
