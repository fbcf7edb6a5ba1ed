/**
 * Running tallies of eval results in bounded memory: pass counts per key, a few failing examples per key,
 * per-case repeat counts for pass@k, and distinct outputs per case for the consistency report.
 */
import { createHash } from 'node:crypto';
import { wilson } from '../../metrics/intervals.js';
import { passAtK, passHatK } from '../../metrics/passk.js';
import type { CaseResult } from './types.js';

export interface PassCount {
  n: number;
  pass: number;
}

/** Formats a pass rate with its Wilson 95% interval: "0.85 (17/20, 95% CI 0.64–0.95)". */
export function formatRate(c: PassCount): string {
  if (c.n === 0) return 'no cases';
  const w = wilson(c.pass, c.n);
  return `${(c.pass / c.n).toFixed(3)} (${c.pass}/${c.n}, 95% CI ${w.low.toFixed(2)}–${w.high.toFixed(2)})`;
}

export class Tally {
  readonly byKey = new Map<string, PassCount>();
  private readonly examples = new Map<string, CaseResult[]>();
  /** Per case id: repeats run and passed (pass@k), and distinct output hashes (consistency). */
  private readonly perCase = new Map<
    string,
    { n: number; c: number; outputs: Set<string>; sum: number; sumSq: number }
  >();
  /** Judge votes that disagreed, and judge calls that failed: reported apart from model failures. */
  judgeDisagreements = 0;
  judgeErrors = 0;
  judged = 0;
  private readonly scores = new Map<string, { sum: number; n: number; pass: number }>();

  constructor(private readonly maxExamples: number) {}

  /**
   * Counts a result under each key (suite, tags) and keeps it as an example if it failed. `repeated`:
   * the case runs several times, so keep its per-case figures (pass@k, consistency); bounded by design,
   * since only repeated cases are tracked.
   */
  add(r: CaseResult, keys: string[], repeated = false): void {
    for (const k of keys) {
      const c = this.byKey.get(k) ?? { n: 0, pass: 0 };
      c.n++;
      if (r.pass) c.pass++;
      this.byKey.set(k, c);
      if (!r.pass) {
        const list = this.examples.get(k) ?? [];
        if (list.length < this.maxExamples) list.push(r);
        this.examples.set(k, list);
      }
    }
    if (repeated) {
      const pc = this.perCase.get(r.id) ?? { n: 0, c: 0, outputs: new Set<string>(), sum: 0, sumSq: 0 };
      pc.n++;
      if (r.pass) pc.c++;
      pc.sum += r.score;
      pc.sumSq += r.score * r.score;
      if (pc.outputs.size < 16) pc.outputs.add(createHash('sha1').update(r.output).digest('base64'));
      this.perCase.set(r.id, pc);
    }
    for (const a of r.assertions) {
      if (a.type.replace(/^not-/, '') === 'judge') {
        this.judged++;
        if (a.details?.disagreement) this.judgeDisagreements++;
        if (a.details?.judgeError) this.judgeErrors++;
      }
      const s = this.scores.get(a.metric) ?? { sum: 0, n: 0, pass: 0 };
      s.sum += a.score;
      s.n++;
      if (a.pass) s.pass++;
      this.scores.set(a.metric, s);
    }
  }

  count(key: string): PassCount {
    return this.byKey.get(key) ?? { n: 0, pass: 0 };
  }

  failures(key: string): CaseResult[] {
    return this.examples.get(key) ?? [];
  }

  /** Mean pass@k and pass^k over cases that ran at least k times. */
  passK(k: number): { passAtK: number; passHatK: number; cases: number } | undefined {
    let at = 0;
    let hat = 0;
    let cases = 0;
    for (const { n, c } of this.perCase.values()) {
      if (n < k) continue;
      at += passAtK(n, c, k);
      hat += passHatK(n, c, k);
      cases++;
    }
    return cases ? { passAtK: at / cases, passHatK: hat / cases, cases } : undefined;
  }

  /**
   * Cases that ran more than once: how many gave more than one distinct output (what matters at
   * temperature 0), and the mean spread (standard deviation) of each case's score (what matters above 0).
   */
  consistency(): {
    repeatedCases: number;
    inconsistent: number;
    meanDistinct: number;
    meanScoreSpread: number;
  } {
    let repeated = 0;
    let inconsistent = 0;
    let distinct = 0;
    let spread = 0;
    for (const pc of this.perCase.values()) {
      if (pc.n < 2) continue;
      repeated++;
      distinct += pc.outputs.size;
      if (pc.outputs.size > 1) inconsistent++;
      const mean = pc.sum / pc.n;
      spread += Math.sqrt(Math.max(0, pc.sumSq / pc.n - mean * mean));
    }
    return {
      repeatedCases: repeated,
      inconsistent,
      meanDistinct: repeated ? distinct / repeated : 0,
      meanScoreSpread: repeated ? spread / repeated : 0,
    };
  }

  /** Mean score and pass rate per assertion metric. */
  metrics(): { metric: string; mean: number; n: number; pass: number }[] {
    return [...this.scores.entries()].map(([metric, s]) => ({
      metric,
      mean: s.sum / s.n,
      n: s.n,
      pass: s.pass,
    }));
  }
}
