/**
 * A fixed-rate loop for monitors that do I/O (probes, scrapes, commands). Ticks sit on slots of
 * `intervalMs` counted from the start, so timing does not drift with each tick's duration, and a tick
 * never overlaps the previous one: a slow tick skips the slots it overran instead of piling up requests
 * on a target that is already struggling.
 */

/** A running loop. */
export interface Ticker {
  /** Cancels the next tick, aborts the one in flight, and resolves once it has returned. */
  stop(): Promise<void>;
}

/** One tick; returning `false` ends the loop (e.g. the command it runs does not exist). */
export type Tick = (signal: AbortSignal) => Promise<boolean | undefined> | Promise<void>;

/** Runs `tick` now and then on every `intervalMs` slot until stopped. */
export function startTicker(intervalMs: number, tick: Tick): Ticker {
  const controller = new AbortController();
  const origin = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let slot = 0;

  const loop = async (): Promise<void> => {
    timer = undefined;
    let again = true;
    try {
      again = (await tick(controller.signal)) !== false;
    } catch {
      // Ticks record their own failures; an escaped error must not end monitoring silently mid-run.
    }
    if (stopped || !again) return;
    const elapsed = performance.now() - origin;
    // Node timers can fire a millisecond early against performance.now(), so never reuse the slot just run.
    slot = Math.max(slot + 1, Math.floor(elapsed / intervalMs) + 1);
    const wait = slot * intervalMs - elapsed;
    timer = setTimeout(() => {
      running = loop();
    }, wait);
    // A monitor must never be the reason a finished process stays alive.
    timer.unref();
  };

  let running = loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      controller.abort(new Error('monitor stopped'));
      await running;
    },
  };
}
