/**
 * The two ways an assertion can fail other than by judging the output: its config is wrong (a bad
 * regex, an invalid JSON Schema, a missing file), or the judge model could not give a grade. The first
 * stops the run (exit 2: every case would fail the same way); the second fails only that assertion and
 * is reported apart from model failures, so a flaky judge is never mistaken for a bad model.
 */
import { GauntletError } from '../../../errors.js';

/** An assertion whose options cannot work: fix the suite (exit 2). */
export class AssertionConfigError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_ASSERTION_CONFIG', message, { ...options, exitCode: 2 });
  }
}

/** The judge model could not be reached or did not answer `{pass, score, reason}`. */
export class JudgeError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_JUDGE', message, options);
  }
}

/** The message of anything thrown, for a reason line. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
}
