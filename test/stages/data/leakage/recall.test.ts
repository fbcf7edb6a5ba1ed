import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/metrics/random.js';
import { findLeakage } from '../../../../src/stages/data/leakage/index.js';

describe('near-duplicate recall on a larger set', () => {
  it('finds nearly all one-word edits among thousands of texts and flags no unrelated text', async () => {
    const rand = mulberry32(2024);
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const text = () => Array.from({ length: 60 }, () => vocabulary[Math.floor(rand() * 5000)]).join(' ');
    const train = Array.from({ length: 3000 }, text);
    // Test i (for i < 500) is train i with its 31st word replaced: Jaccard 51/61 ≈ 0.836, found by
    // LSH with probability 1 - (1 - 0.836^6)^16 ≈ 0.9988. Tests 501-1000 are unrelated.
    const edited = train.slice(0, 500).map((t) => {
      const words = t.split(' ');
      words[30] = 'replaced';
      return words.join(' ');
    });
    const test = [...edited, ...Array.from({ length: 500 }, text)];

    const started = performance.now();
    const report = await findLeakage(train, test, { maxExamples: 1000 });
    console.log(
      `3000 train × 1000 test texts in ${(performance.now() - started).toFixed(0)} ms; ` +
        `${report.near.count}/500 edits found, ${report.candidates} candidates checked`,
    );

    expect(report.near.count).toBeGreaterThanOrEqual(495);
    for (const e of report.near.examples) {
      expect(e.testLine).toBeLessThanOrEqual(500);
      expect(e.trainLine).toBe(e.testLine);
      expect(e.similarity).toBeCloseTo(51 / 61, 12);
    }
    expect(report.exact.count + report.normalised.count).toBe(0);
  });
});
