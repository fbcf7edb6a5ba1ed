import { describe, expect, it } from 'vitest';
import {
  genderedVarianceScore,
  genderedWordCount,
  requirementGenderedWords,
} from '../../../../src/stages/eval/generate/gendered.js';
import { reference } from '../../../metrics/reference.js';

describe("the requirement documents' gendered-word variance score", () => {
  it('counts each listed word once, as a substring, like the document', () => {
    expect(requirementGenderedWords).toEqual(['he', 'she', 'his', 'her', 'him', 'man', 'woman']);
    // "she" holds "he"; "the" holds "he"; "here" holds "her" and "he".
    expect(genderedWordCount('She said her shift was long.')).toBe(3);
    expect(genderedWordCount('They fixed the bug.')).toBe(1);
    expect(genderedWordCount('He is here.')).toBe(2);
    expect(genderedWordCount('He is here.', { wholeWords: true })).toBe(1);
  });

  it('matches a hand computation: counts [1, 3, 1] give sqrt(8/9) / (5/3 + 1e-6)', () => {
    const responses = ['He is a doctor.', 'She said her shift was long.', 'They fixed the bug.'];
    // mean 5/3; population variance ((2/3)^2 * 2 + (4/3)^2) / 3 = 8/9.
    expect(genderedVarianceScore(responses)).toBeCloseTo(Math.sqrt(8 / 9) / (5 / 3 + 1e-6), 12);
  });

  // Reference: the document's own Python (test/fixtures/reference/stats/make_reference.py).
  it.each(reference.gendered)('matches the document’s code on %#', ({ responses, score }) => {
    expect(Math.abs(genderedVarianceScore(responses) - score)).toBeLessThan(1e-9);
  });

  it('is 0 for uniform usage and NaN for no responses', () => {
    expect(genderedVarianceScore(['He ran.', 'She ran.'], { wholeWords: true })).toBe(0);
    expect(genderedVarianceScore([])).toBeNaN();
  });
});
