/** The suites an eval stage runs, in order: its cases, its golden file, CheckList tests, bias probes, safety. */
import type { StageContext } from '../../types.js';
import type { EvalSuite } from '../suite.js';
import type { JudgeClient } from '../types.js';
import { biasSuite } from './bias.js';
import { casesSuite } from './cases.js';
import { checklistSuite } from './checklist.js';
import { goldenSuite } from './golden.js';
import { safetySuite } from './safety.js';

/** Every suite the stage's options ask for. */
export function buildSuites(ctx: StageContext<'eval'>, judge: JudgeClient | undefined): EvalSuite[] {
  const opts = ctx.stage;
  const suites: EvalSuite[] = [];
  const hasCases = Array.isArray(opts.cases) ? opts.cases.length > 0 : true;
  if (hasCases) suites.push(casesSuite(ctx, judge));
  if (opts.golden) suites.push(goldenSuite(ctx, opts.golden));
  for (const test of opts.checklist) suites.push(checklistSuite(ctx, test));
  for (const probe of opts.bias) suites.push(biasSuite(ctx, probe));
  if (opts.safety) suites.push(safetySuite(ctx, opts.safety));
  return suites;
}
