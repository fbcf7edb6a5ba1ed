import { describe, expect, it } from 'vitest';
import { chooseMethod } from '../../../src/metrics/drift/index.js';

// Evidently's documented defaults (docs.evidentlyai.com/reference/data-drift-algorithm).
describe('chooseMethod follows Evidently', () => {
  it.each([
    ['numerical', 1000, 6, 'ks'],
    ['numerical', 1000, 5, 'chisquare'],
    ['numerical', 1000, 2, 'z'],
    ['categorical', 1000, 50, 'chisquare'],
    ['categorical', 10, 3, 'chisquare'],
    ['categorical', 1000, 2, 'z'],
    ['categorical', 1000, 1, 'z'],
    ['numerical', 1001, 6, 'wasserstein'],
    ['numerical', 1001, 5, 'jensenshannon'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 1_000_000, 400, 'jensenshannon'],
  ] as const)('%s, %i rows, %i unique -> %s', (kind, nRef, nUnique, method) => {
    expect(chooseMethod(kind, nRef, nUnique)).toBe(method);
  });

  it('refuses an empty reference', () => {
    expect(() => chooseMethod('numerical', 0, 1)).toThrow(RangeError);
    expect(() => chooseMethod('numerical', 10, 0)).toThrow(RangeError);
  });
});
