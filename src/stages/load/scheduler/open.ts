/**
 * Open models: requests arrive on a clock whatever the target does. An arrival is sent at once when a
 * slot is free; otherwise it waits in a FIFO backlog and keeps its intended time, so the wait shows up in
 * latency measured from the intended time (no coordinated omission); beyond the backlog it is dropped and
 * counted. Arrivals still waiting when the run ends are dropped and counted too: never silently skipped.
 */
import type { ArrivalClock } from './arrivals.js';
import type { RunState } from './state.js';
import { sleepUntil } from './timing.js';

/** A FIFO of intended send offsets; shift() is O(1), unlike Array#shift on a long backlog. */
class Fifo {
  private items: number[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(value: number): void {
    this.items.push(value);
  }

  shift(): number | undefined {
    if (this.head >= this.items.length) return undefined;
    const value = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }
}

/** Runs an open model: arrivals from `arrivals`, at most maxInFlight in flight, at most maxBacklog waiting. */
export async function runOpen(state: RunState, arrivals: ArrivalClock): Promise<void> {
  const { maxInFlight, maxBacklog, requests } = state.opts;
  const backlog = new Fifo();
  const deadline = state.start + state.horizonMs;
  let arrivalsEnded = false;

  const dispatch = (offsetMs: number): void => {
    void state.send(offsetMs).then(() => {
      // A freed slot goes to the oldest waiting arrival, while the run still sends.
      if (backlog.size > 0 && !state.stopSignal.aborted && state.now() < deadline) {
        const next = backlog.shift()!;
        state.backlog = backlog.size;
        dispatch(next);
      } else if (arrivalsEnded && backlog.size === 0) {
        state.stop('requests');
      }
    });
  };

  const arrive = (offsetMs: number): void => {
    if (state.inFlight < maxInFlight && backlog.size === 0) {
      dispatch(offsetMs);
    } else if (backlog.size < maxBacklog) {
      backlog.push(offsetMs);
      state.backlog = backlog.size;
      state.emit('queued');
    } else {
      state.dropped++;
      state.emit('dropped');
    }
  };

  for (;;) {
    // Queued arrivals will be sent, so they count towards the request limit; dropped ones do not.
    if (requests !== undefined && state.sent + backlog.size >= requests) {
      arrivalsEnded = true;
      if (backlog.size === 0) state.stop('requests');
      break;
    }
    const offset = arrivals();
    if (offset === undefined || offset >= state.horizonMs) break;
    await sleepUntil(state.start + offset, state.now, state.stopSignal);
    if (state.stopSignal.aborted) break;
    arrive(offset);
  }

  // Wait for the end of the duration (the backlog drains meanwhile), for a request-limited backlog to
  // drain (the last dispatch calls stop), or for an abort.
  await sleepUntil(deadline, state.now, state.stopSignal);
  state.stop(state.signal.aborted ? 'aborted' : 'duration');
  while (backlog.size > 0) {
    backlog.shift();
    state.backlog = backlog.size;
    state.dropped++;
    state.emit('dropped');
  }
  await state.whenIdle();
}
