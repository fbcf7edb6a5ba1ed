/**
 * Deliberate defects the reference server can be asked to have. Each one makes exactly one smoke (or api)
 * check fail, so a check that cannot fail is caught: run the smoke stage against `--broken MODE` and expect red.
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
  // api stage, security checks: each fails exactly one of auth, rate_limit, cors, injection.
  'auth-bypass',
  'no-retry-after',
  'cors-wildcard-credentials',
  'reflect-xss',
  'stack-trace',
  // api stage, conformance checks: each fails exactly one of models, errors, sse, health, bad_input, fuzz.
  'models-shape',
  'error-200',
  'error-shape',
  'chunk-ids',
  'health-down',
  'bad-input-500',
  'model-type-500',
] as const;

/** One deliberate defect of the simulated server. */
export type BrokenMode = (typeof brokenModes)[number];

/** Prompts longer than this (in tokens) trigger the `long-prompt-500` defect. */
export const LONG_PROMPT_TOKENS = 1000;

/** True when `value` names a broken mode; lets the CLI validate `--broken` before starting anything. */
export function isBrokenMode(value: string): value is BrokenMode {
  return (brokenModes as readonly string[]).includes(value);
}
