/** Small schema pieces every part of the suite reuses, each with the message a person needs. */
import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A duration ("250ms", "30s", "2m", or milliseconds as a number), parsed to milliseconds. */
export const duration = z
  .union([z.string(), z.number()], { error: 'expected a duration like "30s"' })
  .transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration like "30s", got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return ms;
  });

export const priorities = ['P0', 'P1', 'P2', 'P3', 'P4'] as const;
/** Risk priority of the requirement documents' matrix: P0 is the most important. */
export const priority = z.enum(priorities, {
  error: (issue) => `expected a priority P0..P4 (P0 most important), got ${JSON.stringify(issue.input)}`,
});

export const tags = z.array(z.string().min(1)).default([]);

export const positiveInt = z.number().int().positive();

/** Filtering fields a stage and each of its checks carry. */
export const selectable = {
  tags,
  priority: priority.optional(),
};
