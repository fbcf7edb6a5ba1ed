/** Chaos windows: cut at fault edges, judged on the hypothesis, recovery measured from the removal. */
import { describe, expect, it } from 'vitest';
import {
  judgeWindows,
  planWindows,
  recoveryTime,
  type WindowSample,
} from '../../../src/stages/chaos/windows.js';

const fault = { name: 'http_error#1', type: 'http_error', start: 15_000, end: 25_000 };

describe('planWindows', () => {
  it('cuts at the baseline and at each fault edge, in pieces no longer than the window', () => {
    const w = planWindows(40_000, 5_000, 2_000, [fault]);
    expect(w.map((x) => [x.start, x.end, x.phase])).toEqual([
      [0, 1_666.6666666666667, 'baseline'],
      [1_666.6666666666667, 3_333.3333333333335, 'baseline'],
      [3_333.3333333333335, 5_000, 'baseline'],
      [5_000, 7_000, 'steady'],
      [7_000, 9_000, 'steady'],
      [9_000, 11_000, 'steady'],
      [11_000, 13_000, 'steady'],
      [13_000, 15_000, 'steady'],
      [15_000, 17_000, 'fault'],
      [17_000, 19_000, 'fault'],
      [19_000, 21_000, 'fault'],
      [21_000, 23_000, 'fault'],
      [23_000, 25_000, 'fault'],
      // 15 s after the fault in 8 equal pieces of 1.875 s (none longer than the 2 s window)
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => [25_000 + 1_875 * k, 25_000 + 1_875 * (k + 1), 'recovery']),
    ]);
    expect(w.filter((x) => x.phase === 'fault').every((x) => x.faults[0] === 'http_error#1')).toBe(true);
  });
});

describe('judgeWindows and recoveryTime', () => {
  // 10 requests/s; 20% fail while the fault is on, and for one second after it (a slow recovery).
  const samples: WindowSample[] = [];
  for (let t = 0; t < 40_000; t += 100) {
    const failing = t >= 15_000 && t < 26_000 && t % 500 === 0;
    samples.push({ at: t, ok: !failing, e2eMs: 50, ttftMs: 10, ...(failing ? { error: 'http 503' } : {}) });
  }
  const windows = judgeWindows(planWindows(40_000, 5_000, 2_000, [fault]), samples, [], {
    error_rate: ['rate<0.01'],
    e2e: ['p(95)<1000'],
  });

  it('finds the violation in every fault window, with its numbers and error classes', () => {
    const bad = windows.filter((w) => !w.holds);
    expect(bad.map((w) => w.start)).toEqual([15_000, 17_000, 19_000, 21_000, 23_000, 25_000]);
    expect(bad.at(-1)?.phase).toBe('recovery');
    expect(bad[0]).toMatchObject({ requests: 20, errors: 4, errorClasses: { 'http 503': 4 } });
    expect(bad[0]?.violations[0]).toMatch(
      /^error_rate rate<0\.01: rate = 0\.2 \(limit < 0\.01, 20 samples\)/,
    );
  });

  it('measures recovery from the removal to the first window from which the state holds for good', () => {
    expect(recoveryTime(windows, 25_000)).toBe(1_875);
    const healthy = windows.map((w) => ({ ...w, holds: true }));
    expect(recoveryTime(healthy, 25_000)).toBe(0);
    const never = windows.map((w) => (w.end === 40_000 ? { ...w, holds: false } : w));
    expect(recoveryTime(never, 25_000)).toBeNull();
  });

  it('fails a window with no requests, and one whose requests all failed when a latency is asked for', () => {
    const [empty] = judgeWindows([{ start: 0, end: 1000, phase: 'steady', faults: [] }], [], [], {
      e2e: ['p(95)<1000'],
    });
    expect(empty?.violations).toEqual(['no request was sent in this window']);
    const [down] = judgeWindows(
      [{ start: 0, end: 1000, phase: 'fault', faults: ['down'] }],
      [{ at: 10, ok: false, error: 'connect' }],
      [],
      { e2e: ['p(95)<1000'] },
    );
    expect(down?.violations).toEqual(['e2e: no successful request to measure in this window']);
  });
});
