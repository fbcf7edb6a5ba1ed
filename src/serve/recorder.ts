/**
 * Per-request timelines for GET /debug/requests (only with `record: true`). The load and smoke stages
 * compare these server-side times with what they measured to separate server from network and client.
 */
import { now } from './engine/clock.js';

/** One generation request as the server saw it; times are epoch milliseconds (floats). */
export interface RequestRecord {
  id: string;
  endpoint: string;
  stream: boolean;
  arrival: number;
  /** When the request got a generation slot (after queueing). */
  admitted?: number;
  /** When each token was written (streaming) or produced (non-streaming), in order. */
  tokenTimes: number[];
  end?: number;
  status?: number;
  /** Set when the request was cut short: by the client going away or by the server closing. */
  aborted?: 'client' | 'shutdown';
}

// Enough for a long load test, bounded so a server left running does not grow without limit.
const MAX_RECORDS = 10_000;

/** Keeps the most recent request records. */
export class Recorder {
  readonly #records: RequestRecord[] = [];

  constructor(readonly enabled: boolean) {}

  /** Starts a record, or returns undefined when recording is off. */
  start(id: string, endpoint: string, stream: boolean, arrival: number): RequestRecord | undefined {
    if (!this.enabled) return undefined;
    const record: RequestRecord = { id, endpoint, stream, arrival, tokenTimes: [] };
    this.#records.push(record);
    if (this.#records.length > MAX_RECORDS) this.#records.shift();
    return record;
  }

  /** Marks a record finished; only the first call counts. */
  finish(record: RequestRecord | undefined, status: number): void {
    if (record && record.end === undefined) {
      record.end = now();
      record.status = status;
    }
  }

  /** Every kept record, oldest first. */
  list(): readonly RequestRecord[] {
    return this.#records;
  }

  /** Forgets every record, so a test can look at just its own requests. */
  clear(): void {
    this.#records.length = 0;
  }
}
