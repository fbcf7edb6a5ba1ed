import { describe, expect, it } from 'vitest';
import { concurrencySteps } from '../../../../src/stages/load/scheduler/ramp.js';
import { fakeSender, record } from './fake.js';

// The tests mostly wait on timers, so they run side by side to keep the suite short.
describe.concurrent('closed models', () => {
  it('concurrency: never more than N in flight, and exactly N busy throughout', async () => {
    const fake = fakeSender(20);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(fake.inFlight), 7);
    const { result, outcomes, events } = await record({
      profile: { type: 'concurrency', concurrency: 5 },
      durationMs: 600,
      send: fake.send,
    });
    clearInterval(sampler);
    expect(fake.maxInFlight).toBe(5);
    expect(result.maxInFlightSeen).toBe(5);
    // Sampled between tasks, a worker has always re-sent by then: all N are busy until the end.
    const during = samples.slice(1, -4);
    expect(during.length).toBeGreaterThan(30);
    expect(during.every((n) => n === 5)).toBe(true);
    // Every send after the first N happens when a request is done: the count returns to exactly N.
    const sends = events.filter((e) => e.type === 'sent');
    expect(sends.slice(5).every((e) => e.inFlight === 5)).toBe(true);
    expect(result.stoppedBy).toBe('duration');
    expect(result.sent).toBe(outcomes.length);
    expect(result.completed).toBe(result.sent);
    // Roughly 600 / 20 rounds of 5 (timers are late on a busy machine, never early).
    expect(result.sent).toBeGreaterThan(50);
    expect(result.sent).toBeLessThanOrEqual(155);
    expect(outcomes.every((o) => o.intendedAt === undefined && !o.late)).toBe(true);
    expect(result.late).toBe(0);
  });

  it('synchronous: one at a time, each sent after the previous one is done', async () => {
    const fake = fakeSender(5);
    const { result, outcomes } = await record({
      profile: { type: 'synchronous' },
      requests: 20,
      send: fake.send,
    });
    expect(fake.maxInFlight).toBe(1);
    expect(result.sent).toBe(20);
    for (let i = 1; i < outcomes.length; i++) {
      const prev = outcomes[i - 1]!;
      expect(outcomes[i]!.sentAt).toBeGreaterThanOrEqual(prev.sentAt + prev.e2eMs!);
    }
  });

  it('throughput: its concurrency in flight, as fast as the target takes', async () => {
    const fake = fakeSender(2);
    const { result } = await record({
      profile: { type: 'throughput', concurrency: 16 },
      requests: 400,
      send: fake.send,
    });
    expect(fake.maxInFlight).toBe(16);
    expect(result.sent).toBe(400);
    expect(result.stoppedBy).toBe('requests');
  });

  it('request-count limit is exact, with requests finishing at different times', async () => {
    const fake = fakeSender(() => 1 + Math.random() * 10);
    const { result, outcomes } = await record({
      profile: { type: 'concurrency', concurrency: 4 },
      requests: 37,
      durationMs: 60_000,
      send: fake.send,
    });
    expect(result).toMatchObject({ sent: 37, completed: 37, stoppedBy: 'requests', dropped: 0 });
    expect(outcomes.map((o) => o.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 37 }, (_, i) => i),
    );
    expect(fake.sentAt).toHaveLength(37);
    // A count-limited run measures until its last request is done.
    expect(result.measureWindow).toEqual({ start: result.startedAt, end: result.endedAt });
  });

  it('ramping-concurrency follows its stages, and never aborts a worker it no longer wants', async () => {
    const delay = 30;
    const stages = [
      { duration: 400, target: 4 },
      { duration: 400, target: 4 },
      { duration: 400, target: 0 },
    ];
    const steps = concurrencySteps(0, stages);
    const countAt = (t: number): number => steps.filter((s) => s.atMs <= t).at(-1)?.count ?? 0;
    const fake = fakeSender(delay);
    const samples: { t: number; n: number }[] = [];
    const t0 = performance.now();
    const sampler = setInterval(() => samples.push({ t: performance.now() - t0, n: fake.inFlight }), 5);
    const { result, outcomes } = await record({
      profile: { type: 'ramping-concurrency', start: 0, stages },
      send: fake.send,
    });
    clearInterval(sampler);
    expect(result.stoppedBy).toBe('duration');
    expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(1200);
    expect(result.maxInFlightSeen).toBe(4);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // Never above the line (a finishing worker may lag it by one request on the way down); timers may
    // be late, so a rise may lag too, by a slop a loaded machine stays within.
    const slop = 60;
    const maxCount = (from: number, to: number): number =>
      Math.max(...steps.filter((s) => s.atMs > from && s.atMs <= to).map((s) => s.count), countAt(from));
    for (const { t, n } of samples) {
      const offset = t - (result.startedAt - t0);
      expect(n).toBeLessThanOrEqual(maxCount(offset - delay - slop, offset));
      expect(n).toBeGreaterThanOrEqual(Math.min(countAt(offset - slop), countAt(offset)));
    }
    // The hold stage runs exactly 4.
    const hold = samples.filter(({ t }) => {
      const offset = t - (result.startedAt - t0);
      return offset > 450 && offset < 750;
    });
    expect(hold.length).toBeGreaterThan(20);
    expect(hold.every(({ n }) => n === 4)).toBe(true);
  });

  it('ramping-concurrency stops at a shorter duration', async () => {
    const { result } = await record({
      profile: { type: 'ramping-concurrency', start: 2, stages: [{ duration: 10_000, target: 2 }] },
      durationMs: 300,
      send: fakeSender(10).send,
    });
    expect(result.stoppedBy).toBe('duration');
    expect(result.endedAt - result.startedAt).toBeLessThan(1000);
    expect(result.maxInFlightSeen).toBe(2);
  });

  it('labels warm-up and cool-down by send time', async () => {
    const { result, outcomes } = await record({
      profile: { type: 'concurrency', concurrency: 2 },
      durationMs: 600,
      warmupMs: 150,
      cooldownMs: 150,
      send: fakeSender(10).send,
    });
    const start = result.startedAt;
    expect(result.measureWindow).toEqual({ start: start + 150, end: start + 450 });
    for (const o of outcomes) {
      const t = o.sentAt - start;
      // The scheduler phases by its own send time, a hair before the sender's.
      if (t < 149) expect(o.phase).toBe('warmup');
      else if (t > 151 && t < 449) expect(o.phase).toBe('measure');
      else if (t > 451) expect(o.phase).toBe('cooldown');
    }
    for (const phase of ['warmup', 'measure', 'cooldown']) {
      expect(outcomes.filter((o) => o.phase === phase).length).toBeGreaterThan(5);
    }
  });

  it('abort stops promptly and aborts the requests in flight', async () => {
    const controller = new AbortController();
    const fake = fakeSender(10_000);
    setTimeout(() => controller.abort(), 100);
    const t0 = performance.now();
    const { result, outcomes } = await record({
      profile: { type: 'concurrency', concurrency: 3 },
      durationMs: 30_000,
      send: fake.send,
      signal: controller.signal,
    });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(result).toMatchObject({ stoppedBy: 'aborted', sent: 3, completed: 3 });
    expect(outcomes.every((o) => o.error?.class === 'aborted')).toBe(true);
  });

  it('rethrows a failing callback after the in-flight requests are done', async () => {
    const run = record({
      profile: { type: 'concurrency', concurrency: 2 },
      requests: 10,
      send: fakeSender(1).send,
      onOutcome: () => {
        throw new Error('listener broke');
      },
    });
    await expect(run).rejects.toThrow('listener broke');
  });

  it('rejects a schedule with no limit', async () => {
    await expect(record({ profile: { type: 'synchronous' }, send: fakeSender(1).send })).rejects.toThrow(
      RangeError,
    );
  });
});
