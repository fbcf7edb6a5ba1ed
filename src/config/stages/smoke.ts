/**
 * Options of the `smoke` stage: model functionality validation. Each check is selectable: list the ones
 * to run (as names or as a map with options); leave `checks` out to run them all with defaults.
 */
import { z } from 'zod';
import { duration, positiveInt, selectable } from '../primitives.js';
import { checkMap } from './check-map.js';

export const smokeCheckNames = [
  'models',
  'basic',
  'chat',
  'completions',
  'streaming',
  'batch',
  'max_tokens',
  'determinism',
  'long_prompt',
] as const;
export type SmokeCheckName = (typeof smokeCheckNames)[number];

const DEFAULT_PROMPTS = [
  'What is the capital of France? Answer in one sentence.',
  'Explain what a unit test is in two sentences.',
  'List three colours of the rainbow.',
];
const LONG_ANSWER_PROMPT = 'Write a long, detailed essay about the history of computing, in many paragraphs.';

const endpoint = z.enum(['chat', 'completions']).default('chat');
const check = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...selectable, ...shape });

export const smokeChecksShape = {
  models: check({}),
  basic: check({
    prompts: z.array(z.string().min(1)).min(1).default(DEFAULT_PROMPTS),
    maxTokens: positiveInt.default(64),
    endpoint,
  }),
  chat: check({
    prompt: z
      .string()
      .min(1)
      .default(DEFAULT_PROMPTS[0] as string),
    maxTokens: positiveInt.default(32),
  }),
  completions: check({
    prompt: z.string().min(1).default('The capital of France is'),
    maxTokens: positiveInt.default(32),
  }),
  streaming: check({
    prompt: z
      .string()
      .min(1)
      .default(DEFAULT_PROMPTS[1] as string),
    maxTokens: positiveInt.default(48),
    seed: z.number().int().default(1234),
    endpoint,
  }),
  batch: check({
    size: z.number().int().min(2).max(256).default(8),
    maxTokens: positiveInt.default(24),
    /**
     * echo: each prompt asks to repeat a unique code (needs a model that follows instructions).
     * reference: each prompt is answered alone first, then all at once at temperature 0, and each batched
     * answer must equal its own answer alone (any model, including tiny and base models).
     */
    mode: z.enum(['echo', 'reference']).default('echo'),
  }),
  max_tokens: check({
    limits: z.array(positiveInt).min(1).default([1, 8, 32]),
    prompt: z.string().min(1).default(LONG_ANSWER_PROMPT),
  }),
  determinism: check({
    repeats: z.number().int().min(2).max(100).default(5),
    prompt: z
      .string()
      .min(1)
      .default(DEFAULT_PROMPTS[1] as string),
    maxTokens: positiveInt.default(48),
    seed: z.number().int().optional(),
  }),
  long_prompt: check({
    /** Prompt size in tokens; default: 90% of the context length the target reports, else 3000. */
    tokens: positiveInt.optional(),
    timeout: duration.prefault('60s'),
    maxTokens: positiveInt.default(16),
  }),
} satisfies Record<SmokeCheckName, z.ZodType>;

const checks = checkMap(smokeCheckNames, smokeChecksShape);

/** `checks` omitted = all; a list of names = those with defaults; a map = those with options (`false` drops one). */
export const smokeChecks = checks.schema;

export const smokeStageOptions = { checks: smokeChecks };
export type SmokeChecks = z.output<typeof checks.object>;
