/**
 * Decides what the simulated model answers, before any time passes: scripted answer, built-in
 * instruction or generated text, then stop sequences and max_tokens. Pure: the same input gives the
 * same tokens, which is the whole basis of the determinism checks.
 */
import { type CompiledAnswer, findAnswer } from '../answers.js';
import type { BrokenMode } from '../broken.js';
import { findInstruction } from './instructions.js';
import { createRng, hashSeed } from './prng.js';
import { generateText } from './text.js';
import { tokenize } from './tokenizer.js';

/** Why a choice ended, as OpenAI reports it. */
export type FinishReason = 'stop' | 'length';

/** One choice's answer: the tokens to emit, in order, and why it ends. */
export interface ChoicePlan {
  tokens: string[];
  finishReason: FinishReason;
}

/** Everything that determines one choice's answer. */
export interface ChoiceInput {
  canonicalPrompt: string;
  instructionText: string;
  choiceIndex: number;
  temperature: number;
  topP: number;
  seed: number | undefined;
  /** Fresh per request: what makes unseeded sampling at temperature > 0 vary. */
  entropy: number;
  /** The limit to enforce; `explicitMaxTokens` says whether the client set it. */
  maxTokens: number;
  explicitMaxTokens: boolean;
  stop: readonly string[];
  stream: boolean;
  answers: readonly CompiledAnswer[];
  broken: ReadonlySet<BrokenMode>;
}

/** Plans one choice's answer. */
export function planChoice(input: ChoiceInput): ChoicePlan {
  const { broken } = input;
  if (broken.has('empty-answer')) return { tokens: [], finishReason: 'stop' };
  const ignoreMax = broken.has('ignore-max-tokens') && input.explicitMaxTokens;
  const mismatch = broken.has('stream-mismatch') && input.stream;
  let text = findAnswer(input.answers, input.instructionText) ?? findInstruction(input.instructionText);
  if (text === undefined) {
    // A broken server that overruns max_tokens has to have something to overrun with.
    const minTokens = ignoreMax ? input.maxTokens + 5 : 0;
    text = generateText(createRng(seedFor(input, mismatch)), { ...input, minTokens });
  } else if (mismatch) {
    text += ' (streamed)';
  }
  if (ignoreMax) return { tokens: tokenize(text), finishReason: 'stop' };
  return truncate(text, input.maxTokens, input.stop);
}

// Greedy decoding (temperature 0) depends only on the input; sampling also on the seed, or on fresh
// entropy when there is none. Choices of one request differ only when sampling.
function seedFor(input: ChoiceInput, streamSalt: boolean): number {
  const greedy = input.temperature === 0 && !input.broken.has('nondeterministic');
  const parts: unknown[] = [input.canonicalPrompt, input.temperature, input.topP];
  if (!greedy) {
    const useSeed = input.seed !== undefined && !input.broken.has('nondeterministic');
    parts.push(useSeed ? `seed:${input.seed}` : `entropy:${input.entropy}`, input.choiceIndex);
  }
  if (streamSalt) parts.push('stream');
  return hashSeed(...parts);
}

// max_tokens first, then stop sequences in what was actually generated: a stop string that would only
// complete past the limit was never produced, so that answer ends by length.
function truncate(text: string, maxTokens: number, stop: readonly string[]): ChoicePlan {
  let tokens = tokenize(text);
  let finishReason: FinishReason = 'stop';
  if (tokens.length > maxTokens) {
    tokens = tokens.slice(0, maxTokens);
    finishReason = 'length';
  }
  const produced = tokens.join('');
  let cut = -1;
  for (const s of stop) {
    const at = produced.indexOf(s);
    if (at !== -1 && (cut === -1 || at < cut)) cut = at;
  }
  if (cut === -1) return { tokens, finishReason };
  return { tokens: tokenize(produced.slice(0, cut)), finishReason: 'stop' };
}
