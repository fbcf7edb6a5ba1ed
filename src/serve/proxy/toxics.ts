/**
 * The TCP faults, Toxiproxy's toxics, as stages on one direction of one connection. A stage takes a piece
 * of data (with the time it arrived at the proxy) and yields what goes on, when it should: the lane that
 * runs them (link.ts) writes each yielded piece before asking for the next, so a stage that waits holds
 * back everything behind it, and order is kept.
 *
 * Differences from Toxiproxy, on purpose: `timeout` holds data instead of dropping it, so removing the
 * fault lets it through (a hung-then-recovered server); `bandwidth` counts KiB (1024 bytes); a removed
 * stage releases what it holds at once rather than dropping it.
 */
import type { Fault } from '../../config/faults.js';
import type { Draw } from './random.js';

/** Bytes and the time (performance.now) they reached the proxy. */
export interface Piece {
  data: Buffer;
  at: number;
}

/** What a stage may do to its connection. */
export interface LinkActions {
  /** TCP RST to the client, and the upstream side dropped. */
  reset(): void;
  /** Sends what is already written, then closes both sides (FIN). */
  close(): void;
}

/** One fault on one direction of one connection. */
export abstract class Toxic {
  /** Set when the fault is removed: waits end and data passes untouched from then on. */
  removed = false;
  private readonly waiters = new Set<() => void>();

  constructor(readonly name: string) {}

  /** Yields the pieces to send on, in order, each when it is due. */
  abstract process(piece: Piece): AsyncGenerator<Piece>;

  /** The fault was removed: let held data go now. */
  release(): void {
    this.removed = true;
    this.dispose();
    for (const wake of [...this.waiters]) wake();
  }

  /** Stops timers when the connection ends. */
  dispose(): void {}

  /** Resolves at `deadline` (performance.now time) or on release, whichever is first. */
  protected async waitUntil(deadline: number): Promise<void> {
    // Timers may fire a little before performance.now() reaches the deadline: wait again if so, since a
    // delay must never be shorter than set.
    for (let left = deadline - performance.now(); left > 0 && !this.removed; ) {
      await this.sleep(Math.ceil(left));
      left = deadline - performance.now();
    }
  }

  /** Resolves only on release. */
  protected held(): Promise<void> {
    return this.removed ? Promise.resolve() : this.sleep(undefined);
  }

  private sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }
}

/** Each piece leaves `latency` ± `jitter` (uniform) after it arrived. */
class Latency extends Toxic {
  constructor(
    name: string,
    private readonly latency: number,
    private readonly jitter: number,
    private readonly draw: Draw,
  ) {
    super(name);
  }
  async *process(piece: Piece) {
    const jitter = this.jitter > 0 ? (this.draw() * 2 - 1) * this.jitter : 0;
    await this.waitUntil(piece.at + Math.max(0, this.latency + jitter));
    yield piece;
  }
}

// Bandwidth sends in slices of 20 ms worth of data, each at the end of its slot, so the rate holds from
// the first byte; a late timer is caught up by the next slots, and an idle link earns no burst credit.
const SLOT_MS = 20;

class Bandwidth extends Toxic {
  private readonly perMs: number;
  private readonly slice: number;
  private next = 0;
  constructor(name: string, rateKiB: number) {
    super(name);
    this.perMs = (rateKiB * 1024) / 1000;
    this.slice = Math.max(1, Math.floor(this.perMs * SLOT_MS));
  }
  async *process(piece: Piece) {
    for (let off = 0; off < piece.data.length; off += this.slice) {
      const data = piece.data.subarray(off, off + this.slice);
      if (!this.removed) {
        this.next = Math.max(this.next, piece.at) + data.length / this.perMs;
        await this.waitUntil(this.next);
      }
      yield { data, at: piece.at };
    }
  }
}

/** Pieces of `averageSize` ± `sizeVariation` bytes, `delay` apart. */
class Slicer extends Toxic {
  constructor(
    name: string,
    private readonly size: number,
    private readonly variation: number,
    private readonly delay: number,
    private readonly draw: Draw,
  ) {
    super(name);
  }
  async *process(piece: Piece) {
    let off = 0;
    while (off < piece.data.length) {
      if (this.removed) {
        yield { data: piece.data.subarray(off), at: piece.at };
        return;
      }
      const size = Math.max(1, this.size + Math.round((this.draw() * 2 - 1) * this.variation));
      yield { data: piece.data.subarray(off, off + size), at: piece.at };
      off += size;
      if (this.delay > 0) await this.waitUntil(performance.now() + this.delay);
    }
  }
}

/** Holds every piece; closes the connection `timeout` after the fault attached (0: never). */
class Timeout extends Toxic {
  private readonly timer: NodeJS.Timeout | undefined;
  constructor(name: string, timeout: number, link: LinkActions) {
    super(name);
    this.timer = timeout > 0 ? setTimeout(() => link.close(), timeout) : undefined;
  }
  async *process(piece: Piece) {
    await this.held();
    yield piece;
  }
  override dispose() {
    clearTimeout(this.timer);
  }
}

/** At the first piece, waits `timeout` then resets the connection; the piece is never delivered. */
class ResetPeer extends Toxic {
  constructor(
    name: string,
    private readonly timeout: number,
    private readonly link: LinkActions,
  ) {
    super(name);
  }
  async *process(piece: Piece) {
    await this.waitUntil(performance.now() + this.timeout);
    if (!this.removed) return this.link.reset();
    yield piece;
  }
}

/** Passes exactly `bytes` bytes, then closes the connection. */
class LimitData extends Toxic {
  private left: number;
  constructor(
    name: string,
    bytes: number,
    private readonly link: LinkActions,
  ) {
    super(name);
    this.left = bytes;
  }
  async *process(piece: Piece) {
    if (this.removed || piece.data.length < this.left) {
      this.left -= this.removed ? 0 : piece.data.length;
      yield piece;
      return;
    }
    const data = piece.data.subarray(0, this.left);
    this.left = 0;
    if (data.length > 0) yield { data, at: piece.at };
    // Resumed only once the lane has written the last byte, so close() sends it before the FIN.
    this.link.close();
  }
}

/** The TCP faults that act on data (all but `down`). */
export type StageFault = Extract<
  Fault,
  { type: 'latency' | 'bandwidth' | 'slicer' | 'timeout' | 'reset_peer' | 'limit_data' }
> & {
  name: string;
};

/** The stage for a TCP fault (`down` has none: it acts on accepting, not on data). */
export function createToxic(fault: StageFault, draw: Draw, link: LinkActions): Toxic {
  switch (fault.type) {
    case 'latency':
      return new Latency(fault.name, fault.latency, fault.jitter, draw);
    case 'bandwidth':
      return new Bandwidth(fault.name, fault.rate);
    case 'slicer':
      return new Slicer(fault.name, fault.averageSize, fault.sizeVariation, fault.delay, draw);
    case 'timeout':
      return new Timeout(fault.name, fault.timeout, link);
    case 'reset_peer':
      return new ResetPeer(fault.name, fault.timeout, link);
    case 'limit_data':
      return new LimitData(fault.name, fault.bytes, link);
  }
}
