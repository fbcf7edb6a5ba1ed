import { describe, expect, it } from 'vitest';
import { checkLine, validateLlmDataset } from '../../../../src/stages/data/llm/index.js';
import { fixture } from './helpers.js';

// stats.jsonl, worked out by hand (line 6 has an empty input and is left out):
//   input                output                         in words/tokens  out words/tokens
//   1 "Hello"            "Hi there!"                    1 / 1            2 / 3  (Hi, there, !)
//   2 "How are you?"     "I'm doing well, thank you!"   3 / 4  (+ "?")   5 / 7  (I'm, doing, well, ",", thank, you, !)
//   3 "Hello"            "Hi there!"   (repeats 1)      1 / 1            2 / 3
//   4 "Goodbye"          "See you later!"               1 / 1            3 / 4
//   5 "Hello"            "Welcome back, friend."        1 / 1            3 / 5  (Welcome, back, ",", friend, ".")
describe('dataset statistics', () => {
  it('match the hand count on a small file', async () => {
    const report = await validateLlmDataset(fixture('llm/stats.jsonl'), 'pairs', { bins: [0, 2, 4] });
    expect(report.problems).toEqual([{ line: 6, field: 'input', message: 'is empty' }]);
    const { stats } = report;
    expect(stats.input.words).toEqual({
      count: 5,
      mean: 7 / 5,
      min: 1,
      max: 3,
      histogram: [
        { from: 0, to: 2, count: 4 },
        { from: 2, to: 4, count: 1 },
        { from: 4, to: null, count: 0 },
      ],
    });
    expect(stats.input.tokens).toMatchObject({ count: 5, mean: 8 / 5, min: 1, max: 4 });
    expect(stats.output.words).toEqual({
      count: 5,
      mean: 15 / 5,
      min: 2,
      max: 5,
      histogram: [
        { from: 0, to: 2, count: 0 },
        { from: 2, to: 4, count: 4 },
        { from: 4, to: null, count: 1 },
      ],
    });
    expect(stats.output.tokens).toMatchObject({ count: 5, mean: 22 / 5, min: 3, max: 7 });
    expect(stats.uniqueInputs).toBe(3);
    expect(stats.uniqueOutputs).toBe(4);
    expect(stats.duplicates).toBe(1);
    expect(stats.duplicateExamples).toEqual([{ line: 3, firstLine: 1 }]);
    expect(stats.exact).toBe(true);
  });

  it('uses doubling bins from 0 to 8192 by default', async () => {
    const { stats } = await validateLlmDataset(fixture('llm/stats.jsonl'), 'pairs');
    expect(stats.output.tokens.histogram.map((b) => b.from)).toEqual([
      0, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192,
    ]);
    expect(stats.output.tokens.histogram[0]).toEqual({ from: 0, to: 8, count: 5 });
    expect(stats.output.tokens.histogram.at(-1)).toEqual({ from: 8192, to: null, count: 0 });
  });

  it('becomes a lower bound, and says so, once maxDistinct texts are remembered', async () => {
    const { stats } = await validateLlmDataset(fixture('llm/stats.jsonl'), 'pairs', { maxDistinct: 2 });
    expect(stats.uniqueInputs).toBe(2);
    expect(stats.exact).toBe(false);
  });

  it('has no mean, min or max for a file without valid samples (never NaN)', async () => {
    const { stats } = await validateLlmDataset(fixture('llm/pairs.jsonl'), 'instruction');
    expect(stats.input.words).toMatchObject({ count: 0, mean: null, min: null, max: null });
  });

  it('takes chat inputs from the non-assistant turns and outputs from the assistant turns', () => {
    const line = JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
        { role: 'assistant', content: 'Goodbye.' },
      ],
    });
    expect(checkLine(line, 'chat').parts).toEqual({
      input: 'Be brief.\nHi\nBye',
      output: 'Hello!\nGoodbye.',
    });
  });

  it('takes an instruction with its input as the input, and chosen as a preference output', () => {
    const instruction = JSON.stringify({ instruction: 'Summarise.', input: 'Long text.', output: 'Short.' });
    expect(checkLine(instruction, 'instruction').parts).toEqual({
      input: 'Summarise.\n\nLong text.',
      output: 'Short.',
    });
    const preference = JSON.stringify({
      prompt: [{ role: 'user', content: 'Q?' }],
      chosen: [{ role: 'assistant', content: 'Good.' }],
      rejected: [{ role: 'assistant', content: 'Bad.' }],
    });
    expect(checkLine(preference, 'preference').parts).toEqual({ input: 'Q?', output: 'Good.' });
  });
});
