/** The checked-in output of test/fixtures/reference/model/make_reference.py (scikit-learn 1.2 on Debian 12). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Label } from '../../../src/metrics/model/index.js';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface ReliabilityRow {
  bin: number;
  lower: number;
  upper: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

type DisparitySet = Record<
  'demographicParity' | 'equalOpportunity' | 'equalizedOdds' | 'equalizedOddsMean',
  number
>;

export interface ModelReference {
  versions: Record<string, string>;
  logLossEps: number;
  binary: {
    name: string;
    yTrue: Label[];
    yPred: Label[];
    yScore: number[];
    posLabel: Label;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    confusion: { labels: Label[]; matrix: number[][] };
    rocAuc: number | null;
    mannWhitneyAuc?: number;
    roc?: { fpr: number[]; tpr: number[]; thresholds: number[] };
    logLoss: number;
    brier: number;
    reliability: ReliabilityRow[];
    ece: number;
    mce: number;
  }[];
  calibrationBins: {
    name: string;
    bins: number;
    yTrue: Label[];
    yScore: number[];
    reliability: ReliabilityRow[];
    ece: number;
    mce: number;
  }[];
  multiclass: {
    name: string;
    yTrue: Label[];
    yPred: Label[];
    accuracy: number;
    confusion: { labels: Label[]; matrix: number[][] };
    macro: Prf;
    micro: Prf;
    weighted: Prf;
    yProba?: number[][];
    logLossLabels?: Label[];
    logLoss?: number;
  }[];
  regression: {
    name: string;
    yTrue: number[];
    yPred: number[];
    mse: number;
    mae: number;
    r2: number;
    sklearnR2?: number;
    note?: string;
  }[];
  fairness: {
    name: string;
    yTrue: Label[];
    yPred: Label[];
    groups: Label[];
    posLabel: Label;
    rates: { group: Label; count: number; selectionRate: number; tpr: number; fpr: number }[];
    between_groups: { difference: DisparitySet; ratio: DisparitySet };
    to_overall: { difference: DisparitySet; ratio: DisparitySet };
    disparateImpact: number;
    passesFourFifths: boolean;
    averageOdds?: { privileged: Label; unprivileged: Label | null; value: number };
  }[];
  slices: {
    name: string;
    yTrue: number[];
    yPred: number[];
    yScore: number[];
    groups: string[];
    perGroup: {
      group: string;
      count: number;
      accuracy: number;
      f1: number;
      rocAuc: number | null;
      brier: number;
      mse: number;
    }[];
  }[];
}

export const reference: ModelReference = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/model/reference.json', import.meta.url), 'utf8'),
);

/** The parity the issue asks for: 1e-9 relative, with an absolute floor for values at or near zero. */
export const REL = 1e-9;

/** |actual - expected| within `rel` of the expected magnitude, or `abs` near zero. */
export function close(actual: number, expected: number, rel = REL, abs = 1e-12): boolean {
  return Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}

/** Asserts `close(actual, expected)`, naming the value and both numbers when it fails. */
export function expectClose(actual: number, expected: number, what: string): void {
  expect(close(actual, expected), `${what}: ${actual} vs sklearn ${expected}`).toBe(true);
}
