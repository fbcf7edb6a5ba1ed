import { describe, expect, it } from 'vitest';
import { validateLlmDataset } from '../../../../src/stages/data/llm/index.js';
import { fixture, jsonReason } from './helpers.js';

describe('validateLlmDataset: instruction', () => {
  it('accepts the documents\' "input": "" and a missing input, and reports the planted problems', async () => {
    const report = await validateLlmDataset(fixture('llm/instruction.jsonl'), 'instruction');
    expect(report.problems).toEqual([
      { line: 4, field: 'instruction', message: 'is missing' },
      { line: 5, field: 'output', message: 'is empty' },
      { line: 6, field: 'input', message: 'expected a string, got a number' },
      {
        line: 7,
        field: '',
        message: jsonReason(
          '{"instruction": "List three fruits.", "input": "", "output": "Apple, pear, plum.",}',
        ),
      },
      { line: 8, field: 'instruction', message: 'expected a string, got null' },
      { line: 9, field: 'instruction', message: 'is missing' },
      { line: 9, field: 'output', message: 'is missing' },
    ]);
    expect(report).toMatchObject({ samples: 9, validSamples: 3, problemCount: 7 });
  });
});

describe('validateLlmDataset: preference', () => {
  it('accepts strings, conversations and an implicit prompt; reports equal and mismatched pairs', async () => {
    const report = await validateLlmDataset(fixture('llm/preference.jsonl'), 'preference');
    expect(report.problems).toEqual([
      { line: 2, field: 'rejected', message: 'is the same as chosen' },
      { line: 3, field: 'prompt', message: 'is missing' },
      { line: 6, field: 'rejected', message: 'expected a string like chosen, got a list' },
      { line: 7, field: 'rejected', message: 'expected a string or a list of messages, got a number' },
      {
        line: 8,
        field: 'chosen[0].role',
        message: 'expected one of system, user, assistant, tool, got "robot"',
      },
      { line: 9, field: 'prompt', message: 'is empty' },
      { line: 10, field: 'rejected', message: 'is the same as chosen' },
    ]);
    expect(report).toMatchObject({ samples: 10, validSamples: 3 });
  });
});

describe('validateLlmDataset: completion', () => {
  it('reports missing, empty and mistyped fields and a whitespace-only line', async () => {
    const report = await validateLlmDataset(fixture('llm/completion.jsonl'), 'completion');
    expect(report.problems).toEqual([
      { line: 2, field: 'completion', message: 'is missing' },
      { line: 3, field: 'prompt', message: 'is empty' },
      { line: 4, field: 'completion', message: 'expected a string, got a list' },
      { line: 5, field: '', message: 'blank line' },
    ]);
    expect(report).toMatchObject({ lines: 6, samples: 5, blankLines: 1, validSamples: 2 });
  });
});

describe('validateLlmDataset: pairs', () => {
  it('catches the Python dict the documents write with f.write(f"{item}\\n")', async () => {
    const report = await validateLlmDataset(fixture('llm/pairs.jsonl'), 'pairs');
    expect(report.problems).toEqual([
      { line: 4, field: '', message: jsonReason("{'input': 'Test', 'output': 'Response'}") },
      { line: 5, field: 'output', message: 'is empty' },
      { line: 6, field: 'input', message: 'is missing' },
    ]);
    expect(report).toMatchObject({ samples: 6, validSamples: 3 });
  });

  it('reads a chat file as pairs and says what is missing on every line', async () => {
    const report = await validateLlmDataset(fixture('llm/chat.jsonl'), 'pairs', { maxProblems: 2 });
    expect(report.problems).toEqual([
      { line: 1, field: 'input', message: 'is missing' },
      { line: 1, field: 'output', message: 'is missing' },
    ]);
    expect(report.validSamples).toBe(0);
  });
});
