/**
 * One JSONL line checked against a format: every problem with its field, and, for a sample without
 * problems, the input and output texts statistics are taken over.
 */
import type { FieldProblem, LlmFormat, SampleParts } from './formats.js';
import { checkString, describe, has, isObject, type JsonObject } from './json-values.js';
import { checkMessages, type Message } from './messages.js';

/** What one line holds: nothing (blank), or its problems and, when valid, its parts. */
export interface CheckedLine {
  blank: boolean;
  problems: FieldProblem[];
  parts?: SampleParts;
}

/** Parses and checks one line of a JSONL file in `format`. */
export function checkLine(text: string, format: LlmFormat): CheckedLine {
  if (text.trim() === '') return { blank: true, problems: [{ field: '', message: 'blank line' }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { blank: false, problems: [{ field: '', message: `invalid JSON: ${(err as Error).message}` }] };
  }
  if (!isObject(value)) {
    return {
      blank: false,
      problems: [{ field: '', message: `expected a JSON object, got ${describe(value)}` }],
    };
  }
  const problems: FieldProblem[] = [];
  const parts = checkers[format](value, problems);
  return problems.length === 0 && parts ? { blank: false, problems, parts } : { blank: false, problems };
}

type Checker = (sample: JsonObject, out: FieldProblem[]) => SampleParts | undefined;

const checkers = {
  chat(sample, out) {
    if (!has(sample, 'messages')) {
      out.push({ field: 'messages', message: 'is missing' });
      return undefined;
    }
    const messages = checkMessages(sample.messages, 'messages', out, { conversation: true });
    if (!messages) return undefined;
    return {
      input: joinTexts(messages.filter((m) => m.role !== 'assistant')),
      output: joinTexts(messages.filter((m) => m.role === 'assistant')),
    };
  },
  instruction(sample, out) {
    const instruction = checkString(sample, 'instruction', out);
    // Optional and possibly empty: the requirement documents' generator writes "input": "".
    const input = checkString(sample, 'input', out, { optional: true, allowEmpty: true });
    const output = checkString(sample, 'output', out);
    if (instruction === undefined || output === undefined) return undefined;
    return { input: input?.trim() ? `${instruction}\n\n${input}` : instruction, output };
  },
  preference: checkPreference,
  completion(sample, out) {
    const prompt = checkString(sample, 'prompt', out);
    const completion = checkString(sample, 'completion', out);
    return prompt === undefined || completion === undefined
      ? undefined
      : { input: prompt, output: completion };
  },
  pairs(sample, out) {
    const input = checkString(sample, 'input', out);
    const output = checkString(sample, 'output', out);
    return input === undefined || output === undefined ? undefined : { input, output };
  },
} satisfies Record<LlmFormat, Checker>;

/**
 * prompt, chosen, rejected: each a non-empty string or a list of messages. The prompt may be left out
 * when chosen and rejected are both conversations (TRL's implicit-prompt form). Chosen and rejected
 * must be of one kind and must differ, or the pair teaches nothing.
 */
function checkPreference(sample: JsonObject, out: FieldProblem[]): SampleParts | undefined {
  const implicitPrompt = Array.isArray(sample.chosen) && Array.isArray(sample.rejected);
  const prompt =
    has(sample, 'prompt') || !implicitPrompt ? checkTurns(sample, 'prompt', out) : { all: '', assistant: '' };
  const chosen = checkTurns(sample, 'chosen', out);
  const rejected = checkTurns(sample, 'rejected', out);
  if (!chosen || !rejected) return undefined;
  if (typeof sample.chosen !== typeof sample.rejected) {
    const kind = typeof sample.chosen === 'string' ? 'a string' : 'a list of messages';
    out.push({
      field: 'rejected',
      message: `expected ${kind} like chosen, got ${describe(sample.rejected)}`,
    });
    return undefined;
  }
  if (sameTurns(sample.chosen, sample.rejected)) {
    out.push({ field: 'rejected', message: 'is the same as chosen' });
    return undefined;
  }
  if (!prompt) return undefined;
  return { input: prompt.all, output: chosen.assistant || chosen.all };
}

/** A string or a list of messages (shape only, no turn order); its text, and its assistant text. */
function checkTurns(
  sample: JsonObject,
  key: string,
  out: FieldProblem[],
): { all: string; assistant: string } | undefined {
  const value = sample[key];
  if (Array.isArray(value)) {
    const messages = checkMessages(value, key, out, { conversation: false });
    if (!messages) return undefined;
    return { all: joinTexts(messages), assistant: joinTexts(messages.filter((m) => m.role === 'assistant')) };
  }
  if (has(sample, key) && typeof value !== 'string') {
    out.push({ field: key, message: `expected a string or a list of messages, got ${describe(value)}` });
    return undefined;
  }
  const text = checkString(sample, key, out);
  return text === undefined ? undefined : { all: text, assistant: text };
}

function sameTurns(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string'
    ? a.trim() === b.trim()
    : JSON.stringify(a) === JSON.stringify(b);
}

function joinTexts(messages: Message[]): string {
  return messages
    .map((m) => m.text)
    .filter((t) => t !== '')
    .join('\n');
}
