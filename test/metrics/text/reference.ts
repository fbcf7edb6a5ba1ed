/** The checked-in output of test/fixtures/reference/text/make_reference.py. */
import { readFileSync } from 'node:fs';
import type { BleuOptions, ChrfOptions, RougeVariant } from '../../../src/metrics/text/index.js';

export interface TextReference {
  versions: Record<string, string>;
  bleu: {
    name: string;
    hypothesis: string;
    references: string[];
    options: BleuOptions;
    score: number;
    precisions: number[];
    bp: number;
    sysLen: number;
    refLen: number;
    counts: number[];
    totals: number[];
  }[];
  corpusBleu: {
    name: string;
    hypotheses: string[];
    referencesPerHypothesis: string[][];
    score: number;
    precisions: number[];
    bp: number;
    sysLen: number;
    refLen: number;
  }[];
  chrf: { name: string; hypothesis: string; references: string[]; options: ChrfOptions; score: number }[];
  rouge: {
    name: string;
    hypothesis: string;
    references: string[];
    variant: RougeVariant;
    stemmer: boolean;
    precision: number;
    recall: number;
    fmeasure: number;
  }[];
  porter: Record<string, string>;
  levenshtein: { a: string; b: string; distance: number; similarity: number }[];
  readability: {
    name: string;
    text: string;
    words: number;
    sentences: number;
    syllables: number;
    fleschReadingEase: number;
    fleschKincaidGrade: number;
  }[];
  syllableWords: Record<string, number>;
}

export const reference: TextReference = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/text/reference.json', import.meta.url), 'utf8'),
);

/** |actual - expected| within `rel` of the expected magnitude, or `abs` near zero. */
export function close(actual: number, expected: number, rel: number, abs = 1e-12): boolean {
  return Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}
