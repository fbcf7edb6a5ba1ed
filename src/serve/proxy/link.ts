/**
 * One client connection through the proxy: the client's socket and a socket to the proxy's own HTTP layer
 * (forward.ts), joined by two lanes, upstream (client to server) and downstream (server to client). The
 * TCP faults attached to the connection run as stages on their lane; with none, a chunk is written on as
 * it arrives. Both sockets are half-open capable so each direction ends on its own, as TCP does.
 */
import type { Socket } from 'node:net';
import type { Draw } from './random.js';
import { createToxic, type LinkActions, type Piece, type StageFault, type Toxic } from './toxics.js';

/** Which way data flows: downstream is server to client. */
export type Direction = 'upstream' | 'downstream';

// A lane stops reading its source past HIGH queued bytes (a held or slowed lane pushes back on the
// sender through TCP) and reads again below LOW.
const HIGH = 1 << 20;
const LOW = 1 << 18;

class Lane {
  toxics: Toxic[] = [];
  closed = false;
  private queue: Piece[] = [];
  private queued = 0;
  private pumping = false;
  private ended = false;
  private paused = false;

  constructor(
    private readonly source: Socket,
    private readonly sink: Socket,
    private readonly wrote: (bytes: number) => void,
  ) {}

  push(data: Buffer): void {
    if (this.closed) return;
    this.queue.push({ data, at: performance.now() });
    this.queued += data.length;
    if (this.queued > HIGH && !this.paused) {
      this.paused = true;
      this.source.pause();
    }
    if (!this.pumping) void this.pump();
  }

  /** The source ended: end the sink once everything queued is through. */
  end(): void {
    this.ended = true;
    if (!this.pumping) void this.pump();
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    for (const toxic of this.toxics) toxic.release();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    while (!this.closed && this.queue.length > 0) {
      const piece = this.queue.shift() as Piece;
      this.queued -= piece.data.length;
      if (this.paused && this.queued < LOW) {
        this.paused = false;
        this.source.resume();
      }
      if (this.toxics.length === 0) await this.write(piece.data);
      else {
        for await (const out of run(this.toxics.slice(), 0, piece)) {
          if (this.closed) break;
          await this.write(out.data);
        }
      }
    }
    this.pumping = false;
    if (this.ended && !this.closed && !this.sink.destroyed && !this.sink.writableEnded) this.sink.end();
  }

  private write(data: Buffer): Promise<void> | undefined {
    if (this.sink.destroyed || this.sink.writableEnded || data.length === 0) return;
    this.wrote(data.length);
    if (this.sink.write(data)) return;
    return new Promise((resolve) => {
      const done = () => {
        this.sink.off('drain', done);
        this.sink.off('close', done);
        resolve();
      };
      this.sink.on('drain', done);
      this.sink.on('close', done);
    });
  }
}

// Runs a piece through the stages from `i` on; a stage removed meanwhile passes data untouched.
async function* run(toxics: Toxic[], i: number, piece: Piece): AsyncGenerator<Piece> {
  const toxic = toxics[i];
  if (!toxic) {
    yield piece;
    return;
  }
  if (toxic.removed) {
    yield* run(toxics, i + 1, piece);
    return;
  }
  for await (const out of toxic.process(piece)) yield* run(toxics, i + 1, out);
}

/** Callbacks from a link to the proxy. */
export interface LinkHooks {
  /** Bytes written on in a direction (after faults). */
  wrote(direction: Direction, bytes: number): void;
  /** Both sockets are gone. */
  closed(link: Link): void;
}

/** A client connection and its faults. */
export class Link implements LinkActions {
  private readonly lanes: Record<Direction, Lane>;
  private open = 2;

  constructor(
    readonly id: number,
    private readonly client: Socket,
    private readonly inner: Socket,
    hooks: LinkHooks,
  ) {
    this.lanes = {
      upstream: new Lane(client, inner, (n) => hooks.wrote('upstream', n)),
      downstream: new Lane(inner, client, (n) => hooks.wrote('downstream', n)),
    };
    client.on('data', (d: Buffer) => this.lanes.upstream.push(d));
    inner.on('data', (d: Buffer) => this.lanes.downstream.push(d));
    client.on('end', () => this.lanes.upstream.end());
    inner.on('end', () => this.lanes.downstream.end());
    // A client that is gone needs nothing more; a failed inner socket is passed on as a reset.
    client.on('error', () => this.destroy());
    inner.on('error', () => this.reset());
    const closed = () => {
      if (--this.open > 0) return;
      this.lanes.upstream.close();
      this.lanes.downstream.close();
      hooks.closed(this);
    };
    client.on('close', () => {
      this.inner.destroy();
      closed();
    });
    inner.on('close', closed);
  }

  /** Applies a TCP fault to this connection from now on. */
  attach(fault: StageFault, draw: Draw): void {
    const lane = this.lanes[fault.direction];
    lane.toxics = [...lane.toxics, createToxic(fault, draw, this)];
  }

  /** Removes a fault, releasing what it holds. */
  detach(name: string): void {
    for (const lane of Object.values(this.lanes)) {
      for (const toxic of lane.toxics) if (toxic.name === name) toxic.release();
      lane.toxics = lane.toxics.filter((t) => t.name !== name);
    }
  }

  reset(): void {
    this.stop();
    resetSocket(this.client);
    resetSocket(this.inner);
  }

  close(): void {
    this.stop();
    for (const socket of [this.client, this.inner]) {
      if (socket.destroyed) continue;
      socket.end(() => socket.destroy());
    }
  }

  destroy(): void {
    this.stop();
    this.client.destroy();
    this.inner.destroy();
  }

  private stop(): void {
    this.lanes.upstream.close();
    this.lanes.downstream.close();
  }
}

function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
