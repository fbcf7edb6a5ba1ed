/** A load worker thread that failed: its error crossed the thread boundary as data and is rebuilt here. */
import { GauntletError } from '../../../errors.js';
import type { FromWorker } from './messages.js';

type RemoteError = Extract<FromWorker, { type: 'error' }>['error'];

/** A worker's failure (exit 3: the run crashed); `cause` is the worker's own error, stack and code kept. */
export class LoadWorkerError extends GauntletError {
  constructor(worker: number, workers: number, remote: RemoteError) {
    const cause = Object.assign(new Error(remote.message), {
      name: remote.name,
      ...(remote.stack ? { stack: remote.stack } : {}),
      ...(remote.code ? { code: remote.code } : {}),
    });
    const what = remote.code ? `${remote.name} (${remote.code})` : remote.name;
    super('E_LOAD_WORKER', `load worker ${worker + 1} of ${workers} failed: ${what}: ${remote.message}`, {
      exitCode: 3,
      cause,
    });
  }
}
