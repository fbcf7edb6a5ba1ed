/**
 * The capacity model: at most `maxConcurrent` sequences generate at once, later ones wait in a FIFO
 * queue of at most `maxQueue`. Like continuous batching, every active sequence slows the others down.
 */

/** Gives back a generation slot; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  resolve(release: Release): void;
  reject(err: unknown): void;
}

/** Admits sequences to generation in arrival order. */
export class Scheduler {
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueue: number,
    readonly perSequenceSlowdown: number,
  ) {}

  /** Sequences generating now. */
  get active(): number {
    return this.#active;
  }

  /** Sequences waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Factor on per-token time given how many sequences share the engine right now. */
  slowdown(): number {
    return 1 + this.perSequenceSlowdown * Math.max(0, this.#active - 1);
  }

  /**
   * Waits for a slot. Returns undefined at once when the queue is full (the caller answers 503);
   * rejects if `signal` aborts while waiting.
   */
  acquire(signal: AbortSignal): Promise<Release> | undefined {
    if (this.#active < this.maxConcurrent && this.#queue.length === 0) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.maxQueue) return undefined;
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
        reject,
      };
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at !== -1) this.#queue.splice(at, 1);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#admit();
    };
  }

  #admit(): void {
    while (this.#active < this.maxConcurrent && this.#queue.length > 0) {
      const next = this.#queue.shift() as Waiter;
      this.#active++;
      next.resolve(this.#releaser());
    }
  }
}
