/** Levels run across worker threads against the reference server, merged back into one level. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../../src/serve/index.js';
import type { ScheduleEvent } from '../../../../src/stages/load/scheduler/index.js';
import type { ScheduledOutcome } from '../../../../src/stages/load/types.js';
import { LoadWorkerError } from '../../../../src/stages/load/workers/errors.js';
import {
  runScheduleInWorkers,
  type WorkerScheduleOptions,
} from '../../../../src/stages/load/workers/pool.js';
import type { WorkerSpec } from '../../../../src/stages/load/workers/spec.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    seed: 3,
    latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 1 } },
  });
});
afterAll(() => server.close());

const spec = (
  workload: WorkerSpec['workload']['spec'] = { type: 'prompts', prompts: ['a', 'b', 'c'] },
): WorkerSpec => ({
  target: {
    type: 'openai',
    client: { baseUrl: `${server.url}/v1`, retry: { maxRetries: 0 } },
    sender: { endpoint: 'chat', stream: true, timeoutMs: 10_000 },
  },
  workload: {
    spec: workload,
    options: {
      baseDir: process.cwd(),
      endpoint: 'chat',
      model: 'gauntlet-sim',
      maxTokens: 8,
      temperature: 0,
      stream: true,
      extraBody: {},
      seed: 1,
    },
  },
});

/** Runs a level on 2 workers, collecting what the main thread receives. */
async function run(over: Partial<WorkerScheduleOptions>) {
  const outcomes: ScheduledOutcome[] = [];
  const events: ScheduleEvent[] = [];
  const before = performance.now();
  const result = await runScheduleInWorkers({
    profile: { type: 'concurrency', concurrency: 8 },
    warmupMs: 0,
    cooldownMs: 0,
    maxInFlight: 1024,
    maxBacklog: 1024,
    signal: new AbortController().signal,
    onOutcome: (o) => outcomes.push(o),
    onEvent: (e) => events.push(e),
    workers: 2,
    workerSpec: spec(),
    ...over,
  });
  return { result, outcomes, events, before, after: performance.now() };
}

describe('runScheduleInWorkers', () => {
  it('runs a closed level on 2 workers: every outcome arrives, never more than N in flight', async () => {
    const { result, outcomes, events, before, after } = await run({ requests: 200 });
    expect(outcomes).toHaveLength(200);
    expect(result).toMatchObject({ sent: 200, completed: 200, dropped: 0, stoppedBy: 'requests' });
    // The workers stride through the workload: together they send positions 0..199, each once.
    expect(outcomes.map((o) => o.index).sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
    expect(outcomes.every((o) => o.ok && o.phase === 'measure')).toBe(true);
    expect(Math.max(...events.map((e) => e.inFlight))).toBeLessThanOrEqual(8);
    expect(result.maxInFlightSeen).toBeLessThanOrEqual(8);
    expect(result.maxInFlightSeen).toBeGreaterThanOrEqual(4);
    expect(events.filter((e) => e.type === 'sent')).toHaveLength(200);
    // Times arrive in this thread's clock.
    for (const o of outcomes) {
      expect(o.sentAt).toBeGreaterThanOrEqual(before);
      expect(o.sentAt).toBeLessThanOrEqual(after);
    }
    expect(result.startedAt).toBeGreaterThanOrEqual(before);
    expect(result.endedAt).toBeLessThanOrEqual(after);
  });

  it('runs an open level on 2 workers: merged arrivals keep the rate and stay evenly spaced', async () => {
    const { result, outcomes } = await run({ profile: { type: 'rate', rate: 100 }, durationMs: 2000 });
    expect(result.sent + result.dropped).toBe(200);
    expect(outcomes).toHaveLength(result.completed);
    expect(result.stoppedBy).toBe('duration');
    const sent = outcomes.map((o) => o.sentAt).sort((a, b) => a - b);
    const rate = ((sent.length - 1) * 1000) / ((sent.at(-1) as number) - (sent[0] as number));
    expect(Math.abs(rate - 100) / 100).toBeLessThan(0.03);
    // Worker 1 starts one gap (10 ms) after worker 0: intended times alternate between them, 10 ms apart.
    const intended = outcomes.map((o) => o.intendedAt as number).sort((a, b) => a - b);
    const gaps = intended.slice(1).map((t, i) => t - (intended[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThan(9.99);
    expect(Math.max(...gaps)).toBeLessThan(10.01);
    expect(result.measureWindow.end - result.measureWindow.start).toBeCloseTo(2000, 0);
  });

  it('aborts every worker on the signal and still reports what they measured', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 1200);
    const { result, outcomes } = await run({
      profile: { type: 'rate', rate: 50 },
      durationMs: 10_000,
      signal: controller.signal,
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.stoppedBy).toBe('aborted');
    expect(result.sent).toBeGreaterThan(0);
    expect(outcomes).toHaveLength(result.completed);
  });

  it('surfaces a worker that fails as an error naming the worker and its cause', async () => {
    const failing = run({
      requests: 10,
      workerSpec: spec({ type: 'file', path: 'no-such-workload.jsonl', shuffle: false }),
    });
    await expect(failing).rejects.toBeInstanceOf(LoadWorkerError);
    await expect(failing).rejects.toMatchObject({
      code: 'E_LOAD_WORKER',
      message: expect.stringMatching(/^load worker \d of 2 failed: .*no-such-workload\.jsonl/),
      cause: { code: 'E_WORKLOAD' },
    });
  });

  it('stops the workers and rethrows when onOutcome throws, as runSchedule does', async () => {
    let calls = 0;
    const failing = run({
      profile: { type: 'concurrency', concurrency: 2 },
      durationMs: 10_000,
      onOutcome: () => {
        if (++calls === 3) throw new Error('listener broke');
      },
    });
    await expect(failing).rejects.toThrow('listener broke');
  });
});
