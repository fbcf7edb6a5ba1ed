/**
 * Closed models: a pool of workers, each sending its next request as soon as its previous one is done, so
 * the target's speed sets the pace. A fixed pool serves synchronous (1), concurrency and throughput; a
 * ramping pool follows a ramping-concurrency profile's steps.
 */
import type { ConcurrencyStep } from './ramp.js';
import type { RunState } from './state.js';
import { sleepUntil } from './timing.js';

/** One worker: sends back to back while it is wanted and the run's limits allow. */
async function worker(state: RunState, wanted: () => boolean): Promise<void> {
  while (wanted() && state.mayStart()) await state.send();
}

/** Runs exactly `size` workers until a limit is reached, then waits for their last requests. */
export async function runPool(state: RunState, size: number): Promise<void> {
  const workers: Promise<void>[] = [];
  for (let i = 0; i < size; i++) workers.push(worker(state, () => true));
  await Promise.all(workers);
}

/**
 * Runs a pool whose size follows `steps`. Worker `id` is wanted while id <= the current count; when the
 * count drops, surplus workers finish the request they have in flight and then stop (never aborted), and
 * a worker still finishing when the count rises again simply carries on, so ids never run twice.
 */
export async function runRamp(state: RunState, steps: readonly ConcurrencyStep[]): Promise<void> {
  let count = 0;
  const running = new Set<number>();
  const workers: Promise<void>[] = [];
  const spawn = (id: number): void => {
    running.add(id);
    workers.push(worker(state, () => id <= count).finally(() => running.delete(id)));
  };
  for (const step of steps) {
    if (step.atMs >= state.horizonMs) break;
    await sleepUntil(state.start + step.atMs, state.now, state.stopSignal);
    if (!state.mayStart()) break;
    count = step.count;
    for (let id = 1; id <= count; id++) if (!running.has(id)) spawn(id);
  }
  // The run lasts its stages (or the shorter duration) even when the last step comes early or sets 0.
  await sleepUntil(state.start + state.horizonMs, state.now, state.stopSignal);
  state.stop(state.signal.aborted ? 'aborted' : 'duration');
  await Promise.all(workers);
}
