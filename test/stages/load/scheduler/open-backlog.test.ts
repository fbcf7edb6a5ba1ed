import { describe, expect, it } from 'vitest';
import type { ScheduleEvent } from '../../../../src/stages/load/scheduler/index.js';
import { fakeSender, record } from './fake.js';

/** A target that stalls: requests sent in [300, 500) ms after `t0` take 400 ms, the others 5 ms. */
function stallingSender(t0: number) {
  return fakeSender((sentAt) => (sentAt - t0 >= 300 && sentAt - t0 < 500 ? 400 : 5));
}

const count = (events: ScheduleEvent[], type: ScheduleEvent['type']): number =>
  events.filter((e) => e.type === type).length;

// The tests mostly wait on timers, so they run side by side to keep the suite short.
describe.concurrent('open models: a full target', () => {
  it('a stall fills the backlog; waiting arrivals go late, keep their intended time, and leave in order', async () => {
    const t0 = performance.now();
    const fake = stallingSender(t0);
    const { result, outcomes, events } = await record({
      profile: { type: 'rate', rate: 100 },
      durationMs: 1200,
      maxInFlight: 2,
      send: fake.send,
    });
    const start = result.startedAt;
    expect(result).toMatchObject({ sent: 120, completed: 120, dropped: 0, maxInFlightSeen: 2 });
    expect(fake.maxInFlight).toBe(2);
    // The backlog grows through the stall: about 38 arrivals (320..690 ms) wait for a slot.
    const queued = events.filter((e) => e.type === 'queued').map((e) => e.backlog);
    expect(queued.length).toBeGreaterThanOrEqual(34);
    expect(queued.slice(0, 34)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(Math.max(...events.map((e) => e.backlog))).toBeGreaterThanOrEqual(34);
    const waited = outcomes.filter((o) => {
      const t = o.intendedAt! - start;
      return t >= 320 && t < 680;
    });
    expect(waited).toHaveLength(36);
    for (const o of waited) {
      // Not sent before the stalled requests freed their slots, yet measured from when it was due.
      expect(o.sentAt - start).toBeGreaterThanOrEqual(695);
      expect(o.late).toBe(true);
    }
    // The longer an arrival waited, the larger its lag: the first to queue waited about 380 ms.
    const lags = waited.sort((a, b) => a.intendedAt! - b.intendedAt!).map((o) => o.sentAt - o.intendedAt!);
    expect(lags[0]).toBeGreaterThan(350);
    expect(lags.every((lag, i) => i === 0 || lag < lags[i - 1]!)).toBe(true);
    // FIFO: sent in the order they were due.
    const sends = waited.map((o) => o.sentAt);
    expect(sends).toEqual([...sends].sort((a, b) => a - b));
    expect(result.late).toBeGreaterThanOrEqual(36);
  });

  it('with no backlog allowed, arrivals during the stall are dropped and counted', async () => {
    const t0 = performance.now();
    const { result, outcomes, events } = await record({
      profile: { type: 'rate', rate: 100 },
      durationMs: 1200,
      maxInFlight: 2,
      maxBacklog: 0,
      send: stallingSender(t0).send,
    });
    expect(result.dropped).toBeGreaterThanOrEqual(35);
    expect(result.dropped).toBeLessThanOrEqual(40);
    expect(result.sent + result.dropped).toBe(120);
    expect(count(events, 'dropped')).toBe(result.dropped);
    expect(count(events, 'queued')).toBe(0);
    expect(outcomes).toHaveLength(result.sent);
    // Nothing waited, so nothing is late for the stall's sake.
    expect(result.late).toBeLessThan(6);
  });

  it('arrivals still waiting when the duration ends are dropped and counted, not skipped', async () => {
    const { result, events } = await record({
      profile: { type: 'rate', rate: 100 },
      durationMs: 300,
      maxInFlight: 2,
      send: fakeSender(500).send,
    });
    expect(result).toMatchObject({ sent: 2, completed: 2, dropped: 28, stoppedBy: 'duration' });
    expect(count(events, 'queued')).toBe(28);
    expect(count(events, 'dropped')).toBe(28);
    expect(events.at(-1)).toMatchObject({ type: 'done', inFlight: 0, backlog: 0 });
  });

  it('the request limit is exact: queued arrivals count, dropped ones do not', async () => {
    const queuedAll = await record({
      profile: { type: 'rate', rate: 1000 },
      requests: 50,
      maxInFlight: 2,
      send: fakeSender(5).send,
    });
    expect(queuedAll.result).toMatchObject({ sent: 50, completed: 50, dropped: 0, stoppedBy: 'requests' });
    expect(queuedAll.result.late).toBeGreaterThan(20);

    const someDropped = await record({
      profile: { type: 'rate', rate: 1000 },
      requests: 50,
      maxInFlight: 2,
      maxBacklog: 3,
      send: fakeSender(5).send,
    });
    expect(someDropped.result).toMatchObject({ sent: 50, completed: 50, stoppedBy: 'requests' });
    expect(someDropped.result.dropped).toBeGreaterThan(0);
    expect(someDropped.outcomes).toHaveLength(50);
  });

  it('abort stops arrivals promptly, aborts requests in flight and counts the backlog as dropped', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const t0 = performance.now();
    const { result, outcomes, events } = await record({
      profile: { type: 'rate', rate: 100 },
      durationMs: 30_000,
      maxInFlight: 5,
      send: fakeSender(10_000).send,
      signal: controller.signal,
    });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(result).toMatchObject({ stoppedBy: 'aborted', sent: 5, completed: 5 });
    expect(outcomes.every((o) => o.error?.class === 'aborted')).toBe(true);
    expect(result.dropped).toBe(count(events, 'queued'));
    expect(result.dropped).toBeGreaterThanOrEqual(10);
    expect(result.measureWindow.end).toBe(result.endedAt);
  });
});
