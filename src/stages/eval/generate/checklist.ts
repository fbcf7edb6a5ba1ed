/**
 * CheckList behavioural tests (Ribeiro et al. 2020): a template expanded over lexicons into cases; MFT
 * cases carry the expected assertions, INV and DIR cases pair each prompt with a seeded perturbation
 * of it, and the helpers here judge a pair of answers.
 */
import { extractValue, measureValue } from './extract.js';
import { resolveLexicons } from './lexicons/index.js';
import { perturbationsFor } from './perturb.js';
import { rngFor } from './random.js';
import { expandTemplate } from './template.js';
import type { ChecklistTest, Direction, Extractor, Measure, PerturbationName } from './types.js';

type MftTest = Extract<ChecklistTest, { type: 'MFT' }>;

export interface ChecklistCase {
  /** `checklist:<name>#<i>` for MFT, `checklist:<name>#<i>:<perturbation>` for a perturbed pair. */
  id: string;
  suite: string;
  type: ChecklistTest['type'];
  /** What this case sends: the expanded template (MFT) or its perturbation (INV, DIR). */
  prompt: string;
  /** INV/DIR: the unperturbed prompt; it is the same for every perturbation of one fill, so ask it once. */
  original?: string;
  /** INV/DIR: the perturbed prompt (equal to `prompt`). */
  perturbed?: string;
  perturbation?: PerturbationName;
  fill: Record<string, string>;
  /** MFT: what every answer must meet. */
  expect?: MftTest['expect'];
  tags: string[];
}

export interface Checklist {
  name: string;
  type: ChecklistTest['type'];
  cases: ChecklistCase[];
  /** Perturbations that did not apply to a prompt (no name to swap, nothing to negate), by name. */
  skipped: Partial<Record<PerturbationName, number>>;
}

/** The cases of one CheckList test, the same for the same seed. */
export function buildChecklist(test: ChecklistTest): Checklist {
  const lexicons = resolveLexicons(test.lexicons);
  const suite = `checklist:${test.name}`;
  const expansions = expandTemplate(test.template, lexicons, { maxCases: test.maxCases, seed: test.seed });
  if (test.type === 'MFT') {
    const cases = expansions.map(({ text, fill }, i) => ({
      id: `${suite}#${i}`,
      suite,
      type: test.type,
      prompt: text,
      fill,
      expect: test.expect,
      tags: test.tags,
    }));
    return { name: test.name, type: test.type, cases, skipped: {} };
  }
  const perturbations = perturbationsFor(lexicons);
  const cases: ChecklistCase[] = [];
  const skipped: Partial<Record<PerturbationName, number>> = {};
  expansions.forEach(({ text, fill }, i) => {
    for (const name of test.perturb) {
      // One stream per (case, perturbation): adding a perturbation leaves the others' draws unchanged.
      const out = perturbations[name](text, rngFor(test.seed, `${i}:${name}`));
      if (out === undefined || out === text) {
        skipped[name] = (skipped[name] ?? 0) + 1;
        continue;
      }
      cases.push({
        id: `${suite}#${i}:${name}`,
        suite,
        type: test.type,
        prompt: out,
        original: text,
        perturbed: out,
        perturbation: name,
        fill,
        tags: test.tags,
      });
    }
  });
  return { name: test.name, type: test.type, cases, skipped };
}

export interface InvarianceResult {
  pass: boolean;
  /** What the extractor read from the original answer and from the perturbed one. */
  a: string | undefined;
  b: string | undefined;
  reason: string;
}

/** INV: the answer must not change; an answer the extractor cannot read fails (nothing was shown to hold). */
export function compareInvariance(
  originalOutput: string,
  perturbedOutput: string,
  extract: Extractor = 'text',
): InvarianceResult {
  const a = extractValue(originalOutput, extract);
  const b = extractValue(perturbedOutput, extract);
  if (a === undefined || b === undefined) {
    const which =
      a === undefined && b === undefined
        ? 'either answer'
        : a === undefined
          ? 'the original answer'
          : 'the perturbed answer';
    return { pass: false, a, b, reason: `the extractor found nothing in ${which}` };
  }
  return a === b
    ? { pass: true, a, b, reason: 'the answer did not change' }
    : { pass: false, a, b, reason: `the answer changed: ${JSON.stringify(a)} -> ${JSON.stringify(b)}` };
}

export interface DirectionResult {
  pass: boolean;
  a: number | undefined;
  b: number | undefined;
  /** b − a. */
  delta: number | undefined;
  reason: string;
}

const MOVES: Record<Direction, (delta: number) => boolean> = {
  increase: (d) => d > 0,
  decrease: (d) => d < 0,
  'not-increase': (d) => d <= 0,
  'not-decrease': (d) => d >= 0,
  change: (d) => d !== 0,
};

/** DIR: the measure of the perturbed answer must move from the original's in `direction`. */
export function compareDirection(
  original: string,
  perturbed: string,
  measure: Measure,
  direction: Direction,
): DirectionResult {
  const a = measureValue(original, measure);
  const b = measureValue(perturbed, measure);
  if (a === undefined || b === undefined) {
    return { pass: false, a, b, delta: undefined, reason: 'the measure could not be read from both answers' };
  }
  const delta = b - a;
  const pass = MOVES[direction](delta);
  return {
    pass,
    a,
    b,
    delta,
    reason: `${a} -> ${b} (${delta >= 0 ? '+' : ''}${delta}): ${pass ? '' : 'expected '}${direction}`,
  };
}
