import { GauntletError } from '../../errors.js';
import type { ExitInfo } from './types.js';

export type LaunchErrorCode = 'E_LAUNCH_SPAWN' | 'E_LAUNCH_EXITED' | 'E_LAUNCH_TIMEOUT';

/** The evidence a launch failure carries besides its message. */
export interface LaunchErrorDetails {
  /** The command as run, after `{port}` substitution. */
  command: string;
  pid?: number;
  /** Last lines the target printed, oldest first. */
  output: string[];
  exit?: ExitInfo;
  url?: string;
  lastPoll?: string;
}

/** The target could not be started, died before it was ready, or never became ready (exit code 3). */
export class LaunchError extends GauntletError {
  declare readonly code: LaunchErrorCode;
  readonly details: LaunchErrorDetails;

  constructor(code: LaunchErrorCode, message: string, details: LaunchErrorDetails, cause?: unknown) {
    super(code, message, { exitCode: 3, cause });
    this.details = details;
  }
}

/** Renders a command for messages; array elements with spaces are quoted. */
export function showCommand(command: string | string[]): string {
  if (typeof command === 'string') return command;
  return command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

function showOutput(lines: string[]): string {
  return lines.length === 0
    ? 'It printed nothing.'
    : `Last output:\n${lines.map((l) => `  | ${l}`).join('\n')}`;
}

function showExit(exit: ExitInfo): string {
  if (exit.code === null) return `killed by ${exit.signal}`;
  // The shell's own codes are worth naming: they mean the command never ran.
  const hint = exit.code === 127 ? ', command not found' : exit.code === 126 ? ', not executable' : '';
  return `exit code ${exit.code}${hint}`;
}

/** The command could not be spawned at all (missing binary, bad cwd). */
export function spawnError(command: string, cause: unknown): LaunchError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new LaunchError(
    'E_LAUNCH_SPAWN',
    `Could not start the target \`${command}\`: ${why}. Check that the program exists (give its full path or ` +
      'fix PATH) and that launch.cwd is a directory.',
    { command, output: [] },
    cause,
  );
}

/** The target exited before it answered the ready URL. */
export function exitedError(command: string, pid: number, exit: ExitInfo, output: string[]): LaunchError {
  return new LaunchError(
    'E_LAUNCH_EXITED',
    `The target exited before it was ready (${showExit(exit)}): \`${command}\`.\n${showOutput(output)}\n` +
      'Run the command by hand to see why it stops.',
    { command, pid, exit, output },
  );
}

/** The ready URL did not answer as expected in time; the target has been stopped. */
export function timeoutError(
  command: string,
  pid: number,
  ready: { url: string; timeoutMs: number; expectStatus?: number },
  lastPoll: string,
  output: string[],
): LaunchError {
  const want = ready.expectStatus === undefined ? 'a 2xx answer' : `HTTP ${ready.expectStatus}`;
  return new LaunchError(
    'E_LAUNCH_TIMEOUT',
    `The target was not ready within ${ready.timeoutMs}ms: no ${want} from ${ready.url} (last poll: ${lastPoll}). ` +
      `It has been stopped: \`${command}\`.\n${showOutput(output)}\n` +
      'Raise launch.ready.timeoutMs if it loads slowly, or check that ready.url matches the port it listens on.',
    { command, pid, url: ready.url, lastPoll, output },
  );
}
