import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, readSampleTexts, validateLlmDataset } from '../../../../src/stages/data/llm/index.js';
import { fixture, tempDir } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatasetError);
  return err as DatasetError;
}

describe('dataset files', () => {
  it('names a missing file (exit 2)', async () => {
    const err = await rejection(validateLlmDataset('/no/such/train.jsonl', 'chat'));
    expect(err.code).toBe('E_DATASET');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('/no/such/train.jsonl: no such file');
  });

  it('refuses a directory', async () => {
    const dir = tempDir();
    const err = await rejection(validateLlmDataset(dir, 'chat'));
    expect(err.message).toBe(`${dir}: is a directory; expected a JSONL file`);
  });

  it('refuses an unknown format, listing the known ones', async () => {
    const err = await rejection(validateLlmDataset(fixture('llm/chat.jsonl'), 'sharegpt' as 'chat'));
    expect(err.code).toBe('E_DATASET_OPTIONS');
    expect(err.message).toBe(
      'unknown dataset format "sharegpt"; use one of chat, instruction, preference, completion, pairs',
    );
  });

  it('refuses histogram bins that do not start at 0', async () => {
    const err = await rejection(validateLlmDataset(fixture('llm/chat.jsonl'), 'chat', { bins: [1, 2] }));
    expect(err.code).toBe('E_DATASET_OPTIONS');
    expect(err.message).toContain('bins: expected increasing edges starting at 0');
  });

  it('reports an empty file as holding no samples', async () => {
    const file = path.join(tempDir(), 'empty.jsonl');
    writeFileSync(file, '');
    const report = await validateLlmDataset(file, 'pairs');
    expect(report.problems).toEqual([{ line: 0, field: '', message: 'the file holds no samples' }]);
    expect(report.valid).toBe(false);
  });

  it('reads CRLF line ends and a leading byte-order mark', async () => {
    const file = path.join(tempDir(), 'windows.jsonl');
    writeFileSync(file, '\uFEFF{"input":"a","output":"b"}\r\n{"input":"c","output":"d"}\r\n');
    const report = await validateLlmDataset(file, 'pairs');
    expect(report).toMatchObject({ lines: 2, validSamples: 2, valid: true });
  });

  it('yields one text per line, empty for invalid ones, so line numbers carry over', async () => {
    const texts: string[] = [];
    for await (const t of readSampleTexts(fixture('llm/pairs.jsonl'), 'pairs', 'input')) texts.push(t);
    expect(texts).toEqual(['Hello', 'How are you?', 'Goodbye', '', '', '']);
    const both: string[] = [];
    for await (const t of readSampleTexts(fixture('llm/pairs.jsonl'), 'pairs')) both.push(t);
    expect(both[0]).toBe('Hello\nHi there!');
  });

  it('names a missing file when reading sample texts', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    const iterate = async () => {
      for await (const _ of readSampleTexts(path.join(dir, 'sub', 'none.jsonl'), 'chat')) {
        // nothing: the file does not exist
      }
    };
    const err = await rejection(iterate());
    expect(err.message).toMatch(/none\.jsonl: no such file$/);
  });
});
