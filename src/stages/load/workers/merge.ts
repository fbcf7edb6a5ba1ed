/**
 * Merging workers back into one level: their scheduler events into one stream whose in-flight count is
 * the sum over workers, and their results into one ScheduleResult.
 */
import type { ScheduleEvent, ScheduleResult } from '../scheduler/index.js';
import { EVENT_FIELDS, EVENT_TYPES, fromEpoch } from './messages.js';

/**
 * The level's in-flight count and backlog across workers: the sum of each worker's latest figures. Batches
 * arrive up to a flush interval (50 ms) apart and are replayed in arrival order, not merged by time, so
 * the sum (and the max of it) is approximate by what the other workers changed within that interval.
 */
export class FlightTracker {
  private readonly inFlight: number[];
  private readonly backlog: number[];
  private total = 0;
  private queued = 0;
  /** The largest summed in-flight count seen. */
  max = 0;

  constructor(workers: number) {
    this.inFlight = new Array<number>(workers).fill(0);
    this.backlog = new Array<number>(workers).fill(0);
  }

  /** Replays one worker's packed events (epoch times) as level-wide events in this thread's clock. */
  replay(worker: number, packed: Float64Array, onEvent?: (e: ScheduleEvent) => void): void {
    for (let i = 0; i + EVENT_FIELDS <= packed.length; i += EVENT_FIELDS) {
      const inFlight = packed[i + 2] as number;
      const backlog = packed[i + 3] as number;
      this.total += inFlight - (this.inFlight[worker] as number);
      this.queued += backlog - (this.backlog[worker] as number);
      this.inFlight[worker] = inFlight;
      this.backlog[worker] = backlog;
      if (this.total > this.max) this.max = this.total;
      onEvent?.({
        type: EVENT_TYPES[packed[i] as number] as ScheduleEvent['type'],
        at: fromEpoch(packed[i + 1] as number),
        inFlight: this.total,
        backlog: this.queued,
      });
    }
  }
}

/**
 * One result from the workers' (already in this thread's clock): counts summed, the measure window from the
 * earliest start to the latest end, and the stop reason: aborted if any worker was, requests if every
 * worker ran out of requests, else duration.
 */
export function mergeResults(results: readonly ScheduleResult[], maxInFlightSeen: number): ScheduleResult {
  const sum = (pick: (r: ScheduleResult) => number) => results.reduce((a, r) => a + pick(r), 0);
  const stoppedBy: ScheduleResult['stoppedBy'] = results.some((r) => r.stoppedBy === 'aborted')
    ? 'aborted'
    : results.every((r) => r.stoppedBy === 'requests')
      ? 'requests'
      : 'duration';
  return {
    startedAt: Math.min(...results.map((r) => r.startedAt)),
    endedAt: Math.max(...results.map((r) => r.endedAt)),
    sent: sum((r) => r.sent),
    completed: sum((r) => r.completed),
    dropped: sum((r) => r.dropped),
    late: sum((r) => r.late),
    measureWindow: {
      start: Math.min(...results.map((r) => r.measureWindow.start)),
      end: Math.max(...results.map((r) => r.measureWindow.end)),
    },
    // Never below what one worker saw on its own, whatever the replay order made of the sum.
    maxInFlightSeen: Math.max(maxInFlightSeen, ...results.map((r) => r.maxInFlightSeen)),
    stoppedBy,
  };
}
