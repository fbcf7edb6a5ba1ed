/**
 * The `data` stage: checks of training and eval data that need no target, so it runs once per suite at
 * the base of the pyramid. Each entry of `tables`, `datasets`, `leakage`, `drift` and `fairness` is one
 * or more checks; a file that cannot be read is that check's error, and the others still run.
 */
import type { Stage } from '../types.js';
import { checkDataset } from './checks/datasets.js';
import { checkDrift } from './checks/drift.js';
import { checkFairness } from './checks/fairness.js';
import { checkLeakage } from './checks/leakage.js';
import { checkTable } from './checks/tables.js';

export const dataStage: Stage<'data'> = {
  kind: 'data',
  description: 'data validation: expectations, LLM dataset formats, leakage, PII, drift, fairness',
  async run(ctx) {
    const s = ctx.stage;
    for (const spec of s.datasets) if (!ctx.signal.aborted) await checkDataset(ctx, spec);
    for (const spec of s.tables) if (!ctx.signal.aborted) await checkTable(ctx, spec);
    for (const spec of s.leakage) if (!ctx.signal.aborted) await checkLeakage(ctx, spec);
    for (const spec of s.drift) if (!ctx.signal.aborted) await checkDrift(ctx, spec);
    for (const spec of s.fairness) if (!ctx.signal.aborted) await checkFairness(ctx, spec);
  },
};
