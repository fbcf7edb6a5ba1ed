/**
 * The experiment's timeline cut into windows, each judged against the steady-state hypothesis. Windows
 * are aligned to the fault boundaries (a fault starting or ending starts a new window), so every window is
 * wholly under faults or wholly free of them, and recovery is measured from the exact removal time.
 * Requests belong to the window in which they were meant to be sent (open model: no coordinated omission).
 */

import { MetricRegistry } from '../../metrics/registry.js';
import { evaluateGates } from '../../metrics/thresholds.js';

export type WindowPhase = 'baseline' | 'steady' | 'fault' | 'recovery';

export interface FaultSpan {
  name: string;
  type: string;
  /** Active from `start` to `end`, ms from the start of the run. */
  start: number;
  end: number;
}

export interface Window {
  start: number;
  end: number;
  phase: WindowPhase;
  /** Names of the faults active in the window. */
  faults: string[];
}

/** One request as the steady state sees it: when it was meant to go, and how it went. */
export interface WindowSample {
  at: number;
  ok: boolean;
  ttftMs?: number | undefined;
  e2eMs?: number | undefined;
  /** The error class (and status), e.g. `http 503`, `truncated`, `connect`. */
  error?: string | undefined;
}

export interface JudgedWindow extends Window {
  requests: number;
  errors: number;
  /** Errors by class, e.g. `{ "http 503": 4, "truncated": 1 }`. */
  errorClasses: Record<string, number>;
  dropped: number;
  e2eP95: number | null;
  ttftP95: number | null;
  holds: boolean;
  /** The thresholds that failed, as `metric threshold: observed`. */
  violations: string[];
}

/** Cuts [0, total) into windows of at most `size` ms, starting a new one at `baseline` and at each fault edge. */
export function planWindows(
  total: number,
  baseline: number,
  size: number,
  faults: readonly FaultSpan[],
): Window[] {
  const edges = new Set<number>([0, baseline, total]);
  for (const f of faults) {
    if (f.start > 0 && f.start < total) edges.add(f.start);
    if (f.end > 0 && f.end < total) edges.add(f.end);
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const lastRemoval = faults.length > 0 ? Math.max(...faults.map((f) => f.end)) : Number.POSITIVE_INFINITY;
  const out: Window[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i] as number;
    const to = sorted[i + 1] as number;
    // Equal pieces no longer than `size`, so no sliver of a window is judged on a handful of requests.
    const pieces = Math.max(1, Math.ceil((to - from) / size - 1e-9));
    for (let k = 0; k < pieces; k++) {
      const start = from + ((to - from) * k) / pieces;
      const end = from + ((to - from) * (k + 1)) / pieces;
      const active = faults.filter((f) => f.start < end && f.end > start).map((f) => f.name);
      const phase: WindowPhase =
        end <= baseline
          ? 'baseline'
          : active.length > 0
            ? 'fault'
            : start >= lastRemoval
              ? 'recovery'
              : 'steady';
      out.push({ start, end, phase, faults: active });
    }
  }
  return out;
}

function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] as number;
}

/**
 * Judges each window: the steady state's thresholds over the window's requests (`error_rate` rate,
 * `ttft` and `e2e` trends in ms, `requests` and `dropped` counters).
 */
export function judgeWindows(
  windows: readonly Window[],
  samples: readonly WindowSample[],
  dropped: readonly number[],
  steadyState: Record<string, string[]>,
): JudgedWindow[] {
  return windows.map((w) => {
    const inside = samples.filter((s) => s.at >= w.start && s.at < w.end);
    const drops = dropped.filter((t) => t >= w.start && t < w.end).length;
    const registry = new MetricRegistry();
    for (const s of inside) {
      registry.add({ name: 'error_rate', kind: 'rate', value: s.ok ? 0 : 1, tags: {} });
      registry.add({ name: 'requests', kind: 'counter', value: 1, tags: {} });
      if (s.ok && s.e2eMs !== undefined)
        registry.add({ name: 'e2e', kind: 'trend', value: s.e2eMs, tags: {} });
      if (s.ok && s.ttftMs !== undefined)
        registry.add({ name: 'ttft', kind: 'trend', value: s.ttftMs, tags: {} });
    }
    registry.add({ name: 'dropped', kind: 'counter', value: drops, tags: {} });
    const violations: string[] = [];
    if (inside.length === 0) violations.push('no request was sent in this window');
    else {
      for (const g of evaluateGates(steadyState, registry, { filtered: false })) {
        if (g.status === 'pass') continue;
        violations.push(
          g.observed === undefined
            ? `${g.metric}: no successful request to measure in this window`
            : `${g.metric} ${g.threshold}: ${g.message.replace(/ FAILED$/, '')}`,
        );
      }
    }
    const ok = inside.filter((s) => s.ok);
    const errorClasses: Record<string, number> = {};
    for (const s of inside)
      if (!s.ok) errorClasses[s.error ?? 'error'] = (errorClasses[s.error ?? 'error'] ?? 0) + 1;
    return {
      ...w,
      requests: inside.length,
      errors: inside.length - ok.length,
      errorClasses,
      dropped: drops,
      e2eP95: p95(ok.flatMap((s) => (s.e2eMs === undefined ? [] : [s.e2eMs]))),
      ttftP95: p95(ok.flatMap((s) => (s.ttftMs === undefined ? [] : [s.ttftMs]))),
      holds: violations.length === 0,
      violations,
    };
  });
}

/**
 * Time from the removal of the last fault until the steady state holds for good: the start of the first
 * recovery window from which every later window holds, minus the removal time. Null when it never does.
 */
export function recoveryTime(windows: readonly JudgedWindow[], removedAt: number): number | null {
  const after = windows.filter((w) => w.start >= removedAt);
  if (after.length === 0) return null;
  let firstGood: JudgedWindow | undefined;
  for (const w of after) {
    if (!w.holds) firstGood = undefined;
    else firstGood ??= w;
  }
  return firstGood ? Math.max(0, firstGood.start - removedAt) : null;
}
