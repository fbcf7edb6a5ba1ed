import { describe, expect, it } from 'vitest';
import { validateLlmDataset } from '../../../../src/stages/data/llm/index.js';
import { fixture, jsonReason } from './helpers.js';

describe('validateLlmDataset: chat', () => {
  it('reports every planted problem with its line, field and message', async () => {
    const report = await validateLlmDataset(fixture('llm/chat.jsonl'), 'chat');
    expect(report.problems).toEqual([
      { line: 2, field: '', message: jsonReason('{"messages": [{"role": "user", "content": "Hi"}') },
      { line: 4, field: 'messages[1].role', message: 'expected "assistant" after "user", got "user"' },
      { line: 5, field: 'messages', message: 'is missing' },
      { line: 6, field: 'messages[1].content', message: 'is empty' },
      {
        line: 7,
        field: 'messages[1].role',
        message: 'expected one of system, user, assistant, tool, got "bot"',
      },
      {
        line: 8,
        field: 'messages[2].role',
        message: 'expected the last message to be "assistant", got "user"',
      },
      { line: 9, field: '', message: 'blank line' },
      { line: 10, field: 'messages[1].role', message: '"system" is only allowed as the first message' },
      { line: 12, field: '', message: 'expected a JSON object, got a list' },
      { line: 13, field: 'messages[0].role', message: 'expected "system" or "user" first, got "assistant"' },
      {
        line: 14,
        field: 'messages[0].content',
        message: 'expected a string or a list of content parts, got a number',
      },
      { line: 15, field: 'messages', message: 'expected a list of messages, got a string' },
      { line: 16, field: 'messages[1].weight', message: 'expected 0 or 1, got 2' },
      { line: 17, field: 'messages[1].role', message: 'expected "assistant" after "user", got "tool"' },
      { line: 19, field: 'messages[0].content[0].text', message: 'is empty' },
      { line: 20, field: 'messages[0].content', message: 'is missing' },
      { line: 20, field: 'messages[1].content', message: 'is empty' },
    ]);
    expect(report).toMatchObject({
      format: 'chat',
      lines: 20,
      samples: 19,
      blankLines: 1,
      validSamples: 4,
      invalidSamples: 15,
      problemCount: 17,
      valid: false,
    });
  });

  it('counts the duplicate conversation and keeps the line it repeats', async () => {
    const { stats } = await validateLlmDataset(fixture('llm/chat.jsonl'), 'chat');
    expect(stats.duplicates).toBe(1);
    expect(stats.duplicateExamples).toEqual([{ line: 18, firstLine: 1 }]);
    // Lines 1, 3 and 11 have different prompts; 18 repeats 1.
    expect(stats.uniqueInputs).toBe(3);
  });

  it('caps the listed problems but counts them all', async () => {
    const report = await validateLlmDataset(fixture('llm/chat.jsonl'), 'chat', { maxProblems: 3 });
    expect(report.problems.map((p) => p.line)).toEqual([2, 4, 5]);
    expect(report.problemCount).toBe(17);
  });
});
