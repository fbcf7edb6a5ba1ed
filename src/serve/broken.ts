/**
 * Deliberate defects the reference server can be asked to have. Each one makes exactly one smoke check
 * fail, so a check that cannot fail is caught: run the smoke stage against `--broken MODE` and expect red.
 */
export const brokenModes = [
  'ignore-max-tokens',
  'nondeterministic',
  'bad-usage',
  'stream-mismatch',
  'long-prompt-500',
  'hang',
  'missing-model',
  'chat-500',
  'completions-404',
  'batch-crosstalk',
  'no-done',
  'double-usage',
  'empty-answer',
] as const;

/** One deliberate defect of the simulated server. */
export type BrokenMode = (typeof brokenModes)[number];

/** Prompts longer than this (in tokens) trigger the `long-prompt-500` defect. */
export const LONG_PROMPT_TOKENS = 1000;

/** True when `value` names a broken mode; lets the CLI validate `--broken` before starting anything. */
export function isBrokenMode(value: string): value is BrokenMode {
  return (brokenModes as readonly string[]).includes(value);
}
