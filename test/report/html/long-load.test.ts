/**
 * A 30-minute load level keeps its whole per-second time series through the aggregator, the stored
 * artifact and the HTML report: 1800 points from second 0 to second 1799, none dropped or merged, in a
 * report that stays small (the series is counts per second, never raw samples).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/index.js';
import type { RunEvent } from '../../../src/run/events.js';
import { LevelAggregator } from '../../../src/stages/load/aggregate.js';
import { reportLevel } from '../../../src/stages/load/level-report.js';
import type { LevelRun } from '../../../src/stages/load/run-level.js';
import type { ScheduledOutcome } from '../../../src/stages/load/types.js';
import type { StageContext } from '../../../src/stages/types.js';
import { makeHtmlSummary, writeResults } from './fixture.js';

const SECONDS = 30 * 60;
const PER_SECOND = 4;

/** A steady 4 requests per second for 30 minutes, TTFT rising by 1 ms a minute so every second differs. */
function thirtyMinuteLevel(): RunEvent {
  const a = new LevelAggregator(0, {});
  for (let s = 0; s < SECONDS; s++) {
    for (let k = 0; k < PER_SECOND; k++) {
      const sentAt = s * 1000 + k * 200;
      a.onEvent({ type: 'sent', at: sentAt, inFlight: 1 + k });
      const ttft = 20 + Math.floor(s / 60) + k;
      const outcome: ScheduledOutcome = {
        index: s * PER_SECOND + k,
        sentAt,
        sentAtEpochMs: sentAt,
        ok: true,
        status: 200,
        ttfbMs: ttft - 1,
        ttftMs: ttft,
        e2eMs: 150,
        e2eCloseMs: 151,
        itlMs: [10, 11, 12],
        contentChunks: 4,
        outputTokens: 4,
        outputTokensSource: 'usage',
        phase: 'measure',
        late: false,
      };
      a.add(outcome);
    }
  }
  let artifact: RunEvent | undefined;
  const ctx = {
    artifact: (name: string, data: unknown) => {
      artifact = { type: 'artifact', stage: 'load', target: 'default', name, data } as RunEvent;
    },
  } as unknown as StageContext<'load'>;
  const run = {
    level: { label: 'c=4' },
    schedule: { dropped: 0 },
    aggregator: a,
    recorder: { record: () => {} },
    windowS: SECONDS,
  } as unknown as LevelRun;
  reportLevel(ctx, run);
  if (!artifact) throw new Error('reportLevel wrote no artifact');
  return artifact;
}

describe('a 30-minute load run in the HTML report', () => {
  it('keeps every second of the time series', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-long-load-'));
    try {
      const artifact = thirtyMinuteLevel();
      const stored = (artifact as { data: { timeline: { t: number }[] } }).data.timeline;
      expect(stored).toHaveLength(SECONDS);

      const summary = makeHtmlSummary();
      summary.stages = [{ ...summary.stages[1]!, name: 'load', target: 'default' }];
      const html = await renderHtml(summary, await writeResults(dir, [artifact]));
      const data = html.match(/<script type="application\/json" id="gauntlet-data">(.*?)<\/script>/s)?.[1];
      const vm = JSON.parse(data ?? 'null');
      const timeline: { t: number; completed: number; ttftP50: number }[] = vm.load[0].timeline;
      expect(timeline).toHaveLength(SECONDS);
      expect(timeline[0]?.t).toBe(0);
      expect(timeline.at(-1)?.t).toBe(SECONDS - 1);
      expect(timeline.every((p, i) => p.t === i && p.completed === PER_SECOND)).toBe(true);
      // The last minute's TTFT is the first minute's plus 29 ms: the series was not averaged away.
      expect((timeline.at(-1)?.ttftP50 ?? 0) - (timeline[0]?.ttftP50 ?? 0)).toBeCloseTo(29, 0);
      // Per-second counts, not samples: well under a megabyte for half an hour.
      expect(Buffer.byteLength(html)).toBeLessThan(1.5e6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
