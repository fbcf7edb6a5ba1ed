/**
 * Both sides' results in one shape, and the cross-check between them: the same expectations must pass or
 * fail alike with the same unexpected counts and observed values, and drift must pick the same method
 * for each column with the same statistic (to a tolerance: the two sum in different orders).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectationOutcome {
  type: string;
  success: boolean;
  unexpected?: number;
  observed?: unknown;
  error?: string;
}

export interface DriftOutcome {
  column: string;
  method: string | null;
  statistic: number | null;
  drift: boolean;
}

export interface Outcome {
  expectations: ExpectationOutcome[];
  drift: DriftOutcome[];
  /** Seconds per phase, as the tool measured it. */
  phases: Record<string, number>;
}

interface CheckLine {
  type: string;
  result?: {
    id: string;
    status: string;
    durationMs: number;
    message?: string;
    evidence?: { details?: Record<string, unknown> };
  };
}

/** A Gauntlet run folder's checks (results.jsonl) and stage time (summary.json). */
export function readGauntlet(runDir: string): Outcome {
  const expectations: ExpectationOutcome[] = [];
  let drift: DriftOutcome[] = [];
  let driftMs = 0;
  for (const line of readFileSync(join(runDir, 'results.jsonl'), 'utf8').split('\n')) {
    if (!line.startsWith('{"type":"check"')) continue;
    const r = (JSON.parse(line) as CheckLine).result;
    if (!r) continue;
    const d = r.evidence?.details ?? {};
    if (r.id.startsWith('data.expect.')) {
      const res = (d.result ?? {}) as Record<string, unknown>;
      expectations.push({
        type: String(d.expectation_type ?? r.id),
        success: r.status === 'pass',
        ...(typeof res.unexpected_count === 'number' ? { unexpected: res.unexpected_count } : {}),
        ...('observed_value' in res ? { observed: res.observed_value } : {}),
        ...(r.status === 'error' ? { error: r.message ?? 'error' } : {}),
      });
    } else if (r.id.startsWith('data.drift.')) {
      driftMs = r.durationMs;
      drift = ((d.columns ?? []) as DriftOutcome[]).map((c) => ({
        column: c.column,
        method: c.method,
        statistic: c.statistic,
        drift: c.drift,
      }));
    } else if (r.status === 'error') {
      throw new Error(`gauntlet: check ${r.id} errored: ${r.message}`);
    }
  }
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as {
    stages: { durationMs: number }[];
  };
  const stageMs = summary.stages[0]?.durationMs ?? Number.NaN;
  // The expectations (one table opened, one aggregate scan, one follow-up query) run before the drift check.
  return { expectations, drift, phases: { expectations: (stageMs - driftMs) / 1000, drift: driftMs / 1000 } };
}

interface PeerJson {
  expectations: { type: string; success: boolean; result: Record<string, unknown> }[];
  drift: { columns: DriftOutcome[] };
  phases: Record<string, number>;
}

/** peer.py's JSON output. */
export function readPeer(file: string): Outcome {
  const p = JSON.parse(readFileSync(file, 'utf8')) as PeerJson;
  return {
    expectations: p.expectations.map((e) => ({
      type: e.type,
      success: e.success,
      ...(typeof e.result.unexpected_count === 'number' ? { unexpected: e.result.unexpected_count } : {}),
      ...('observed_value' in e.result ? { observed: e.result.observed_value } : {}),
    })),
    drift: p.drift.columns,
    phases: p.phases,
  };
}

function close(a: number, b: number, rel: number): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

/** Observed values alike: numbers to 1e-9 relative (sums and means are summed in different orders). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return close(a, b, 1e-9);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return (
      same(ka, kb) &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

/** Type names are each engine's own (DuckDB's DOUBLE, numpy's float64): only success is compared. */
const OWN_TYPE_NAMES = new Set([
  'expect_column_values_to_be_of_type',
  'expect_column_values_to_be_in_type_list',
]);

/** Every disagreement between Gauntlet (`g`) and the peer (`p`), one line each; empty when they agree. */
export function crossCheck(g: Outcome, p: Outcome): string[] {
  const out: string[] = [];
  if (g.expectations.length !== p.expectations.length)
    out.push(`expectations: gauntlet reported ${g.expectations.length}, pandas ${p.expectations.length}`);
  g.expectations.forEach((x, i) => {
    const y = p.expectations[i];
    if (!y) return;
    const at = `expectation ${i + 1} ${x.type}`;
    if (x.error) out.push(`${at}: gauntlet errored: ${x.error}`);
    if (x.type !== y.type) out.push(`${at}: pandas has ${y.type} at this place`);
    if (x.success !== y.success) out.push(`${at}: success gauntlet ${x.success}, pandas ${y.success}`);
    if (x.unexpected !== y.unexpected)
      out.push(`${at}: unexpected_count gauntlet ${x.unexpected}, pandas ${y.unexpected}`);
    if (!OWN_TYPE_NAMES.has(x.type) && !same(x.observed, y.observed))
      out.push(
        `${at}: observed_value gauntlet ${JSON.stringify(x.observed)?.slice(0, 200)}, pandas ${JSON.stringify(y.observed)?.slice(0, 200)}`,
      );
  });
  const byName = new Map(p.drift.map((c) => [c.column, c]));
  if (g.drift.length !== p.drift.length)
    out.push(`drift: gauntlet compared ${g.drift.length} columns, pandas ${p.drift.length}`);
  for (const c of g.drift) {
    const d = byName.get(c.column);
    if (!d) {
      out.push(`drift ${c.column}: not compared by pandas`);
      continue;
    }
    if (c.method !== d.method) out.push(`drift ${c.column}: method gauntlet ${c.method}, pandas ${d.method}`);
    if (c.statistic === null || d.statistic === null || !close(c.statistic, d.statistic, 1e-6))
      out.push(`drift ${c.column}: statistic gauntlet ${c.statistic}, pandas ${d.statistic}`);
    if (c.drift !== d.drift) out.push(`drift ${c.column}: drift gauntlet ${c.drift}, pandas ${d.drift}`);
  }
  return out;
}
