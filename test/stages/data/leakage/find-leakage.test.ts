import { describe, expect, it } from 'vitest';
import { findLeakage, LeakageOptionsError } from '../../../../src/stages/data/leakage/index.js';

// 63 words: one word changed in the middle replaces 5 of its 59 five-word shingles, so the exact
// Jaccard similarity is (59 - 5) / (59 + 5) = 54/64. (With 5-word shingles a one-word change needs
// about 50 words to stay above 0.8; short texts are tested with 3-word shingles below.)
const LONG =
  'Gauntlet puts a language model deployment through the whole testing pyramid in one run. It checks ' +
  'that the model answers, streams and batches correctly, measures latency and throughput under ' +
  'realistic load, injects faults to see how clients recover, and validates the training data for ' +
  'duplicates, leaks and personal information before a single request reaches the production servers ' +
  'that customers depend on every day.';

const TRAIN = [
  'The committee will meet on Thursday to review the budget for the new library.',
  'Please remember to water the plants in the greenhouse before you leave for the weekend.',
  LONG,
  'Bananas are berries, but strawberries are not, according to botanists.',
];

const TEST = [
  'Please remember to water the plants in the greenhouse before you leave for the weekend.', // exact: 2
  '  THE COMMITTEE will meet on thursday, to review the budget   for the new library!!', // normalised: 1
  LONG.replace('realistic load', 'realistic traffic'), // near: 3
  'Our quarterly sales grew by twelve percent thanks to the new marketing campaign in Spain.', // unrelated
  // Shares the second half of LONG word for word (Jaccard 27/62): related, not a leak.
  `Our own checker ${LONG.split(' ').slice(32).join(' ')}`,
  '?!', // nothing left once normalised: ignored
];

describe('findLeakage', () => {
  it('finds the exact, normalised and near duplicates and nothing else', async () => {
    const report = await findLeakage(TRAIN, TEST);
    expect(report.exact).toEqual({
      count: 1,
      examples: [{ testLine: 1, trainLine: 2, test: TEST[0], train: TRAIN[1], similarity: 1 }],
    });
    expect(report.normalised).toEqual({
      count: 1,
      examples: [{ testLine: 2, trainLine: 1, test: TEST[1], train: TRAIN[0], similarity: 1 }],
    });
    expect(report.near.count).toBe(1);
    const near = report.near.examples[0];
    expect(near).toMatchObject({ testLine: 3, trainLine: 3 });
    expect(near?.similarity).toBeCloseTo(54 / 64, 12);
    // The MinHash estimate is within 4 standard errors (sqrt(J(1-J)/128) = 0.032) of the exact value.
    expect(Math.abs((near?.estimated ?? 0) - 54 / 64)).toBeLessThan(4 * 0.032);
    expect(report.leaked).toBe(3);
    expect(report.leakedRate).toBeCloseTo(3 / 5, 12);
    expect(report.train).toEqual({ texts: 4, ignored: 0 });
    expect(report.test).toEqual({ texts: 6, ignored: 1 });
    expect(report.params).toMatchObject({ shingleSize: 5, numPerm: 128, bands: 16, rows: 6, threshold: 0.8 });
    expect(report.params.recallAtThreshold).toBeGreaterThan(0.99);
  });

  it('is deterministic, and the same with async iterables as with arrays', async () => {
    async function* stream(texts: string[]) {
      for (const t of texts) yield t;
    }
    const a = await findLeakage(TRAIN, TEST);
    expect(await findLeakage(TRAIN, TEST)).toEqual(a);
    expect(await findLeakage(stream(TRAIN), stream(TEST))).toEqual(a);
  });

  it('catches a one-word change in a short text with shorter shingles', async () => {
    const train = ['Water the plants in the greenhouse before you leave for the weekend please'];
    const test = ['Water the plants in the greenhouse before you go for the weekend please'];
    // 13 words, 11 three-word shingles, 3 replaced: Jaccard 8/14.
    expect((await findLeakage(train, test)).near.count).toBe(0);
    const report = await findLeakage(train, test, { shingleSize: 3, threshold: 0.5 });
    expect(report.near.examples[0]?.similarity).toBeCloseTo(8 / 14, 12);
  });

  it('verifies LSH candidates by exact Jaccard and drops those under the threshold', async () => {
    // 32 bands of 4 rows make the 54/64 pair a candidate with probability 1 - (1 - 0.84^4)^32 > 0.99999.
    const test = [TEST[2] as string];
    const report = await findLeakage([LONG], test, { threshold: 0.9, bands: 32 });
    expect(report.candidates).toBe(1);
    expect(report.near.count).toBe(0);
    expect((await findLeakage([LONG], test, { threshold: 0.84, bands: 32 })).near.count).toBe(1);
  });

  it('counts each test text once, in the strongest kind', async () => {
    const report = await findLeakage([LONG, LONG.toUpperCase()], [LONG]);
    expect([report.exact.count, report.normalised.count, report.near.count]).toEqual([1, 0, 0]);
  });

  it('keeps at most maxExamples examples and cuts previews', async () => {
    const train = ['alpha beta gamma delta', 'one two three four'];
    const test = ['alpha beta gamma delta', 'one two three four', 'alpha beta gamma delta'];
    const report = await findLeakage(train, test, { maxExamples: 1, previewChars: 5 });
    expect(report.exact.count).toBe(3);
    expect(report.exact.examples).toEqual([
      { testLine: 1, trainLine: 1, test: 'alpha…', train: 'alpha…', similarity: 1 },
    ]);
  });

  it('skips the MinHash search when near is off', async () => {
    const report = await findLeakage(TRAIN, TEST, { near: false });
    expect([report.exact.count, report.normalised.count, report.near.count]).toEqual([1, 1, 0]);
  });

  it('refuses options out of range (exit 2)', async () => {
    const err = await findLeakage(TRAIN, TEST, { threshold: 1.5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeakageOptionsError);
    expect((err as LeakageOptionsError).code).toBe('E_LEAKAGE_OPTIONS');
    expect((err as LeakageOptionsError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/^leakage options: threshold: /);
    await expect(findLeakage([], [], { bands: 200 })).rejects.toThrow('bands: bands must not exceed numPerm');
  });
});
