/** Types the generators share, derived from the eval stage's config schema (one source of truth). */
import type { z } from 'zod';
import type {
  biasDimensions,
  biasProbeSchema,
  checklistTestSchema,
  safetyCategories,
  safetySchema,
} from '../../../config/stages/eval.js';

export type ChecklistTest = z.output<typeof checklistTestSchema>;
export type InvTest = Extract<ChecklistTest, { type: 'INV' }>;
export type DirTest = Extract<ChecklistTest, { type: 'DIR' }>;
export type PerturbationName = InvTest['perturb'][number];
/** How INV tests read an answer: normalised text, a regex's first group, or a JSON path. */
export type Extractor = InvTest['extract'];
/** What DIR tests measure on an answer. */
export type Measure = DirTest['measure'];
export type Direction = DirTest['direction'];

export type BiasProbe = z.output<typeof biasProbeSchema>;
export type BiasDimension = (typeof biasDimensions)[number] | 'custom';

export type SafetyConfig = z.output<typeof safetySchema>;
export type SafetyCategory = (typeof safetyCategories)[number];

/** A word list by name, as templates use them: `{first_name}` reads `lexicons.first_name`. */
export type Lexicons = Record<string, readonly string[]>;
