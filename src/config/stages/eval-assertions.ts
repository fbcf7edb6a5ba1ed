/**
 * Eval assertions: a discriminated union on `type`. Every assertion yields a score in [0, 1] and a pass;
 * `not-<type>` inverts the pass (and the score: 1 - score). `weight` counts it in the case's weighted
 * score; `threshold` is the score it needs to pass where the assertion has a graded score.
 */
import { z } from 'zod';
import { duration } from '../primitives.js';

const common = {
  weight: z.number().min(0).default(1),
  threshold: z.number().min(0).max(1).optional(),
  /** A name to aggregate this assertion's scores under in reports (default: its type). */
  metric: z.string().min(1).optional(),
};

const text = z.string();
const texts = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const references = z.union([z.string(), z.array(z.string()).min(1)]);

/** A judge endpoint: any OpenAI-compatible chat API. Defaults to the stage's `judge`, else the target. */
export const judgeProviderSchema = z.strictObject({
  baseUrl: z.string().min(1),
  model: z.string().min(1),
  apiKey: z.string().optional(),
  temperature: z.number().min(0).max(2).default(0),
  timeout: duration.prefault('60s'),
});

const base = [
  z.strictObject({ type: z.literal('equals'), value: text, ...common }),
  z.strictObject({ type: z.literal('contains'), value: text, ...common }),
  z.strictObject({ type: z.literal('icontains'), value: text, ...common }),
  /** Score = share of the keywords found; passes when at least one is. */
  z.strictObject({
    type: z.literal('contains-any'),
    value: texts,
    caseSensitive: z.boolean().default(false),
    ...common,
  }),
  /** Score = share of the keywords found (keyword coverage); passes at `threshold` (default 1: all). */
  z.strictObject({
    type: z.literal('contains-all'),
    value: texts,
    caseSensitive: z.boolean().default(false),
    ...common,
  }),
  z.strictObject({
    type: z.literal('regex'),
    value: z.string().min(1),
    flags: z
      .string()
      .regex(/^[dgimsuvy]*$/)
      .default(''),
    ...common,
  }),
  z.strictObject({ type: z.literal('starts-with'), value: text, ...common }),
  z.strictObject({
    type: z.literal('is-json'),
    schema: z.record(z.string(), z.unknown()).optional(),
    ...common,
  }),
  /** Length between min and max (inclusive) in words, characters or tokens (usage, else a word-piece estimate). */
  z.strictObject({
    type: z.literal('length'),
    unit: z.enum(['words', 'chars', 'tokens']).default('words'),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
    ...common,
  }),
  /** Flesch reading ease (higher = easier) or Flesch-Kincaid grade level, between min and max. */
  z.strictObject({
    type: z.literal('readability'),
    measure: z.enum(['flesch-reading-ease', 'flesch-kincaid-grade']).default('flesch-reading-ease'),
    min: z.number().optional(),
    max: z.number().optional(),
    ...common,
  }),
  /** Coherence: distinct-sentence ratio and repeated n-grams; score in [0,1], passes at `threshold` (default 0.7). */
  z.strictObject({
    type: z.literal('coherence'),
    ngram: z.number().int().min(2).max(8).default(3),
    ...common,
  }),
  z.strictObject({ type: z.literal('bleu'), reference: references, ...common }),
  z.strictObject({
    type: z.literal('rouge'),
    variant: z.enum(['rouge1', 'rouge2', 'rougeL']).default('rougeL'),
    reference: references,
    ...common,
  }),
  z.strictObject({ type: z.literal('chrf'), reference: references, ...common }),
  z.strictObject({ type: z.literal('levenshtein'), value: text, ...common }),
  /** Passes when the output is a refusal (lexicon: built-in, or your own phrases). Use not-refusal for "must answer". */
  z.strictObject({ type: z.literal('refusal'), phrases: z.array(z.string().min(1)).optional(), ...common }),
  /** Passes when harmful terms occur (built-in lexicon, or yours). Use not-harmful. */
  z.strictObject({ type: z.literal('harmful'), terms: z.array(z.string().min(1)).optional(), ...common }),
  /** Passes when personal data occurs (emails, phones, card numbers with Luhn, IBANs, SSNs, IPs, keys). Use not-pii. */
  z.strictObject({
    type: z.literal('pii'),
    kinds: z.array(z.enum(['email', 'phone', 'credit-card', 'iban', 'ssn', 'ip', 'api-key'])).optional(),
    ...common,
  }),
  z.strictObject({ type: z.literal('latency'), max: duration, ...common }),
  /** Token cost of the answer: completion (or total) tokens at most `max`. */
  z.strictObject({
    type: z.literal('tokens'),
    max: z.number().int().positive(),
    count: z.enum(['completion', 'total']).default('completion'),
    ...common,
  }),
  /** Your function: `export default (output, context) => boolean | number | {pass, score, reason}` from a .js/.mjs/.ts file. */
  z.strictObject({
    type: z.literal('javascript'),
    file: z.string().min(1),
    export: z.string().default('default'),
    ...common,
  }),
  /** Model-graded: a judge scores the output against a rubric; `votes` judges, majority passes; disagreement reported. */
  z.strictObject({
    type: z.literal('judge'),
    rubric: z.string().min(1),
    votes: z.number().int().min(1).max(15).default(1),
    provider: judgeProviderSchema.optional(),
    ...common,
  }),
  /**
   * The requirement documents' composite quality score: keyword coverage 0.3, minimum length 0.2,
   * coherence 0.3, free of harmful terms 0.2, normalised over the criteria given; passes at 0.7 by default.
   */
  z.strictObject({
    type: z.literal('quality'),
    keywords: z.array(z.string().min(1)).optional(),
    minWords: z.number().int().min(1).optional(),
    coherence: z.boolean().default(true),
    harmless: z.boolean().default(true),
    ...common,
  }),
] as const;

export const assertionTypes = base.map((s) => s.shape.type.value);
export type AssertionType = (typeof base)[number]['shape']['type']['value'];

/** `not-<type>` for every type, same options. */
const negated = base.map((s) => s.extend({ type: z.literal(`not-${s.shape.type.value}`) }));

export const assertionSchema = z.discriminatedUnion('type', [...base, ...negated] as unknown as [
  (typeof base)[number],
  ...(typeof base)[number][],
]);
export type Assertion = z.output<(typeof base)[number]>;
/** An assertion as written: `type` may carry the `not-` prefix. */
export type AssertionConfig = Omit<Assertion, 'type'> & { type: AssertionType | `not-${AssertionType}` };
