/**
 * The `synthetic` workload: `distinct` prompts whose sizes are drawn from a seeded normal distribution,
 * made of words that are one token each, and an output length drawn per request and sent as max_tokens.
 * The server decides whether to stop early (EOS); `ignore_eos: true` in extraBody is how a user forbids it.
 */
import { WorkloadError } from './errors.js';
import { createRng, deriveSeed, type Rng, randNormal } from './rng.js';
import { syntheticStarters, syntheticWords } from './words.js';

/** A token-count distribution as the schema gives it. */
export interface TokenDistribution {
  mean: number;
  stddev: number;
  min?: number | undefined;
  max?: number | undefined;
}

/** Draws whole token counts from `dist`, clamped to [min, max]; `name` is for error messages. */
export function tokenSampler(dist: TokenDistribution, rng: Rng, name: string): () => number {
  const min = dist.min ?? 1;
  const max = dist.max ?? Number.POSITIVE_INFINITY;
  if (min > max) {
    throw new WorkloadError(`workload.${name}: min (${min}) is larger than max (${max}); swap them.`);
  }
  return () => {
    const drawn = Math.round(dist.mean + dist.stddev * randNormal(rng));
    return Math.min(max, Math.max(min, drawn));
  };
}

/** `count` prompts of sampled sizes; the same seed gives the same prompts. */
export function syntheticPrompts(
  dist: TokenDistribution,
  count: number,
  seed: number,
): Array<{ text: string; tokens: number }> {
  const size = tokenSampler(dist, createRng(deriveSeed(seed, 'prompt-tokens')), 'promptTokens');
  // Words come from their own stream so a change in sizes does not reshuffle every prompt's words.
  const words = createRng(deriveSeed(seed, 'prompt-words'));
  const n = syntheticWords.length;
  const prompts: Array<{ text: string; tokens: number }> = [];
  for (let i = 0; i < count; i++) {
    const tokens = size();
    const parts = new Array<string>(tokens);
    parts[0] = syntheticStarters[Math.floor(words.next() * syntheticStarters.length)] as string;
    for (let w = 1; w < tokens; w++) parts[w] = syntheticWords[Math.floor(words.next() * n)] as string;
    prompts.push({ text: parts.join(' '), tokens });
  }
  return prompts;
}

/** A short description of a distribution, e.g. `N(512, 64) in [1, 2048]`. */
export function describeDistribution(dist: TokenDistribution): string {
  const range =
    dist.min !== undefined || dist.max !== undefined ? ` in [${dist.min ?? 1}, ${dist.max ?? '∞'}]` : '';
  return `N(${dist.mean}, ${dist.stddev})${range}`;
}
