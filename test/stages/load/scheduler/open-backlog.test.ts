import { describe, expect, it } from 'vitest';
import type { ScheduleEvent } from '../../../../src/stages/load/scheduler/index.js';
import { fakeSender, offsetOf, record } from './fake.js';

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
    // 120 arrivals; normally all sent, but a hiccup at the very end may leave a few to drop.
    expect(result.sent + result.dropped).toBe(120);
    expect(result.completed).toBe(result.sent);
    expect(result.maxInFlightSeen).toBe(2);
    expect(fake.maxInFlight).toBe(2);
    // The backlog grows through the stall: about 38 arrivals (320..690 ms) wait for a slot.
    const queued = events
      .filter((e) => e.type === 'queued' && e.at - start > 315 && e.at - start < 695)
      .map((e) => e.backlog);
    expect(queued.length).toBeGreaterThanOrEqual(30);
    expect(queued.at(-1)! - queued[0]!).toBeGreaterThanOrEqual(28);
    const waited = outcomes.filter((o) => {
      const t = offsetOf(o.intendedAt, start);
      return t > 315 && t < 675;
    });
    expect(waited).toHaveLength(36);
    for (const o of waited) {
      // Not sent before the stalled requests freed their slots, and its lag covers the whole wait: the
      // arrival keeps the time it was due (no coordinated omission).
      expect(o.sentAt - start).toBeGreaterThanOrEqual(695);
      expect(o.sentAt - o.intendedAt!).toBeGreaterThanOrEqual(695 - offsetOf(o.intendedAt, start));
      expect(o.late).toBe(true);
    }
    // The first to queue waited out most of the stall, about 380 ms.
    waited.sort((a, b) => a.intendedAt! - b.intendedAt!);
    expect(waited[0]!.sentAt - waited[0]!.intendedAt!).toBeGreaterThan(350);
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
    // About 38 arrive while both slots are stalled (more if the machine is slow to free them).
    expect(result.dropped).toBeGreaterThanOrEqual(34);
    expect(result.dropped).toBeLessThanOrEqual(70);
    expect(result.sent + result.dropped).toBe(120);
    expect(count(events, 'dropped')).toBe(result.dropped);
    expect(count(events, 'queued')).toBe(0);
    expect(outcomes).toHaveLength(result.sent);
    // Nothing waited in a backlog: lateness is only the odd timer hiccup.
    expect(result.late).toBeLessThan(result.sent / 4);
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
