/**
 * The file `gauntlet eval FILE` runs: an eval stage's options at the top level, plus an optional `name`
 * and `target` (flags can give the target instead). Validated with the suite's error machinery.
 */
import { z } from 'zod';
import { duration, tags } from './primitives.js';
import { targetSchema } from './schema.js';
import { evalStageOptions } from './stages/eval.js';

export const evalFileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  target: targetSchema.optional(),
  timeout: duration.prefault('1h'),
  tags,
  ...evalStageOptions,
});
