import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLeakage } from '../../../../src/stages/data/leakage/index.js';
import { readSampleTexts } from '../../../../src/stages/data/llm/index.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/data/leakage/${name}`, import.meta.url));

describe('leakage between two dataset files', () => {
  it('streams both files and reports file line numbers (an invalid line keeps its number)', async () => {
    const report = await findLeakage(
      readSampleTexts(fixture('train.jsonl'), 'pairs', 'input'),
      readSampleTexts(fixture('test.jsonl'), 'pairs', 'input'),
    );
    expect(report.exact.examples.map((e) => [e.testLine, e.trainLine])).toEqual([[1, 2]]);
    expect(report.normalised.examples.map((e) => [e.testLine, e.trainLine])).toEqual([[2, 1]]);
    expect(report.near.examples.map((e) => [e.testLine, e.trainLine])).toEqual([[4, 3]]);
    expect(report.near.examples[0]?.similarity).toBeCloseTo(54 / 64, 12);
    // Line 3 is not JSON: it yields an empty text, which is ignored, not compared.
    expect(report.test).toEqual({ texts: 5, ignored: 1 });
    expect(report.leaked).toBe(3);
  });
});
