/** What a command may touch of the outside world; tests pass buffers, the binary passes the process's. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM by the binary; tests abort it themselves. */
  signal: AbortSignal;
  /** Colours and live progress allowed (a TTY, no NO_COLOR, not CI). */
  color: boolean;
}

/** The IO of the real process. */
export function processIO(signal: AbortSignal): CliIO {
  const tty = Boolean((process.stdout as NodeJS.WriteStream).isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal,
    color: tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
}

/** Resolves once the command is asked to stop (Ctrl-C, SIGTERM, or a test aborting it). */
export function untilStopped(io: Pick<CliIO, 'signal'>): Promise<void> {
  return new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
