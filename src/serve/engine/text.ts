/**
 * Plausible English-ish text from a seeded generator. Output is a pure function of the generator's
 * state and the sampling parameters, which is what makes temperature-0 answers reproducible.
 */
import { type Rng, randInt } from './prng.js';
import { countTokens } from './tokenizer.js';
import { vocabulary } from './vocabulary.js';

/** Sampling parameters that shape the generated text. */
export interface TextParams {
  temperature: number;
  topP: number;
  /** Keep writing sentences until the text has at least this many tokens (0: stop naturally). */
  minTokens?: number;
}

/** Writes 1-4 sentences of 4-14 words; the PRNG decides the natural length, as a model's EOS would. */
export function generateText(rng: Rng, params: TextParams): string {
  const sentences = randInt(rng, 1, 4);
  const minTokens = params.minTokens ?? 0;
  let text = '';
  for (let i = 0; i < sentences || countTokens(text) < minTokens; i++) {
    text += (i === 0 ? '' : ' ') + sentence(rng, params);
  }
  return text;
}

function sentence(rng: Rng, params: TextParams): string {
  const words = randInt(rng, 4, 14);
  let out = '';
  for (let i = 0; i < words; i++) {
    let word = rng.next() < 0.04 ? String(randInt(rng, 2, 2048)) : pickWord(rng, params);
    if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    out += (i === 0 ? '' : ' ') + word;
    // A comma now and then, never right before the final punctuation (it would merge into one token run).
    if (i > 0 && i < words - 1 && rng.next() < 0.08) out += ',';
  }
  const end = rng.next();
  return out + (end < 0.8 ? '.' : end < 0.9 ? '?' : '!');
}

// top_p narrows the candidate list; temperature flattens the skew towards common words.
function pickWord(rng: Rng, params: TextParams): string {
  const limit = Math.max(8, Math.ceil(vocabulary.length * params.topP));
  const skew = 1 + 1 / (1 + 2 * params.temperature);
  const index = Math.floor(limit * rng.next() ** skew);
  return vocabulary[Math.min(index, limit - 1)] as string;
}
