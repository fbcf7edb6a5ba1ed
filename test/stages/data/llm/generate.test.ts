import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatasetError,
  generateLlmDataset,
  llmFormats,
  validateLlmDataset,
  writeLlmDataset,
} from '../../../../src/stages/data/llm/index.js';
import { tempDir } from './helpers.js';

describe('generateLlmDataset', () => {
  it('gives the same lines for the same seed, and other lines for another seed or format', () => {
    for (const format of llmFormats) {
      const a = generateLlmDataset({ format, n: 50, seed: 7 });
      expect(generateLlmDataset({ format, n: 50, seed: 7 })).toEqual(a);
      expect(generateLlmDataset({ format, n: 50, seed: 8 })).not.toEqual(a);
    }
    expect(generateLlmDataset({ format: 'pairs', n: 5 })).toEqual(
      generateLlmDataset({ format: 'pairs', n: 5, seed: 42 }),
    );
  });

  it('writes sets that validate clean, in every format', async () => {
    const dir = tempDir();
    for (const format of llmFormats) {
      const file = path.join(dir, `${format}.jsonl`);
      const written = await writeLlmDataset(file, { format, n: 500, seed: 3 });
      expect(written.lines).toBe(500);
      expect(written.bytes).toBe(readFileSync(file).length);
      const report = await validateLlmDataset(file, format);
      expect(report.problems, format).toEqual([]);
      expect(report.validSamples).toBe(500);
      expect(report.stats.uniqueInputs).toBeGreaterThan(20);
    }
  });

  it("writes the requirement documents' shapes", () => {
    const instruction = generateLlmDataset({ format: 'instruction', n: 200 }).map((l) => JSON.parse(l));
    expect(instruction.some((s) => s.input === '')).toBe(true);
    expect(Object.keys(instruction[0])).toEqual(['instruction', 'input', 'output']);
    const preference = generateLlmDataset({ format: 'preference', n: 50 }).map((l) => JSON.parse(l));
    expect(Object.keys(preference[0])).toEqual(['prompt', 'chosen', 'rejected']);
    expect(preference.every((s) => typeof s.chosen === 'string' && s.chosen !== s.rejected)).toBe(true);
    const pairs = generateLlmDataset({ format: 'pairs', n: 200 }).map((l) => JSON.parse(l));
    expect(pairs).toContainEqual({ input: 'Hello', output: 'Hi there!' });
    const chat = JSON.parse(generateLlmDataset({ format: 'chat', n: 1 })[0] as string);
    expect(chat.messages.at(-1).role).toBe('assistant');
  });

  it('generates nothing for n = 0 and refuses a negative n', () => {
    expect(generateLlmDataset({ format: 'chat', n: 0 })).toEqual([]);
    expect(() => generateLlmDataset({ format: 'chat', n: -1 })).toThrow(DatasetError);
  });

  it('names the file it cannot write', async () => {
    const file = path.join(tempDir(), 'missing-dir', 'out.jsonl');
    await expect(writeLlmDataset(file, { format: 'chat', n: 10 })).rejects.toThrow(
      `${file}: cannot write the dataset`,
    );
  });
});
