/** The checked-in output of test/fixtures/reference/stats/make_reference.py. */
import { readFileSync } from 'node:fs';

export interface StatsReference {
  wilson: { successes: number; n: number; confidence: number; low: number; high: number }[];
  normalQuantile: { p: number; z: number }[];
  passk: { n: number; c: number; k: number; passAtK: number; passHatK: number }[];
  /** The requirement document's `_analyze_bias_patterns` run on example responses. */
  gendered: { responses: string[]; score: number }[];
}

export const reference: StatsReference = JSON.parse(
  readFileSync(new URL('../fixtures/reference/stats/reference.json', import.meta.url), 'utf8'),
);
