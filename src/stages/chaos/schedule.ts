/**
 * The fault schedule: each fault added to the proxy at `baseline + at` and removed `duration` later, on
 * timers against the same clock as the traffic. The times faults were really added and removed are kept,
 * because the windows are cut at them.
 */
import type { Fault } from '../../config/faults.js';
import type { FaultSpan } from './windows.js';

/** The proxy as the schedule needs it (see src/serve/proxy). */
export interface FaultSink {
  add(fault: Fault): string;
  remove(name: string): boolean;
}

export type ScheduledFault = Fault & { at: number; duration: number };

/** Planned spans, ms from the start of the run, for the windows and the length of the run. */
export function plannedSpans(faults: readonly ScheduledFault[], baseline: number): FaultSpan[] {
  return faults.map((f, i) => ({
    name: f.name ?? `${f.type}#${i + 1}`,
    type: f.type,
    start: baseline + f.at,
    end: baseline + f.at + f.duration,
  }));
}

/** Starts the timers; returns the spans as applied (filled in as they happen) and a stop that removes all. */
export function startSchedule(
  sink: FaultSink,
  faults: readonly ScheduledFault[],
  baseline: number,
  t0: number,
): { spans: FaultSpan[]; stop: () => void } {
  const spans: FaultSpan[] = [];
  const timers: NodeJS.Timeout[] = [];
  const active = new Set<string>();
  plannedSpans(faults, baseline).forEach((planned, i) => {
    const { at: _at, duration: _duration, ...fault } = faults[i] as ScheduledFault;
    const span: FaultSpan = { ...planned };
    spans.push(span);
    const delay = (ms: number) => Math.max(0, t0 + ms - performance.now());
    timers.push(
      setTimeout(() => {
        span.start = performance.now() - t0;
        span.name = sink.add({ ...fault, name: planned.name } as Fault);
        active.add(span.name);
      }, delay(planned.start)),
      setTimeout(() => {
        span.end = performance.now() - t0;
        sink.remove(span.name);
        active.delete(span.name);
      }, delay(planned.end)),
    );
  });
  return {
    spans,
    stop: () => {
      for (const t of timers) clearTimeout(t);
      for (const name of active) sink.remove(name);
      active.clear();
    },
  };
}
