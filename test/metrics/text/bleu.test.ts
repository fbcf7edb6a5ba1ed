import { describe, expect, it } from 'vitest';
import { bleu, corpusBleu, tokenize13a } from '../../../src/metrics/text/index.js';
import { close, reference } from './reference.js';

// sacrebleu prints 2 decimals; we hold every statistic to 1e-9 relative, far inside that.
const REL = 1e-9;

describe('sentence BLEU matches sacrebleu sentence_bleu', () => {
  it.each(reference.bleu.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = bleu(c.hypothesis, c.references, c.options);
    expect(close(r.score, c.score, REL), `score ${r.score} vs ${c.score}`).toBe(true);
    r.precisions.forEach((p, i) => {
      expect(close(p, c.precisions[i]!, REL), `p${i + 1} ${p} vs ${c.precisions[i]}`).toBe(true);
    });
    expect(close(r.bp, c.bp, REL)).toBe(true);
    expect([r.sysLen, r.refLen]).toEqual([c.sysLen, c.refLen]);
    // add-k smoothing adds k to sacrebleu's own counts; ours stay the raw n-gram statistics.
    if (c.options.smoothMethod !== 'add-k') expect([r.counts, r.totals]).toEqual([c.counts, c.totals]);
  });

  it('covers every default-option pair and every option', () => {
    expect(reference.bleu.length).toBeGreaterThanOrEqual(200);
    expect(new Set(reference.bleu.map((c) => JSON.stringify(c.options))).size).toBe(8);
  });
});

describe('corpus BLEU matches sacrebleu corpus_bleu', () => {
  it.each(reference.corpusBleu.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = corpusBleu(c.hypotheses, c.referencesPerHypothesis);
    expect(close(r.score, c.score, REL), `score ${r.score} vs ${c.score}`).toBe(true);
    r.precisions.forEach((p, i) => {
      expect(close(p, c.precisions[i]!, REL)).toBe(true);
    });
    expect([r.sysLen, r.refLen]).toEqual([c.sysLen, c.refLen]);
  });

  it("reproduces sacrebleu's README example, 48.530827", () => {
    const readme = reference.corpusBleu.find((c) => c.name === 'sacrebleu_readme')!;
    expect(corpusBleu(readme.hypotheses, readme.referencesPerHypothesis).score).toBeCloseTo(48.530827, 6);
  });
});

describe('13a tokenizer', () => {
  it('spaces out punctuation but keeps decimals, thousands and inner hyphens', () => {
    expect(tokenize13a('It costs $1,234.56 (approx.), well-known; 2019-2020.')).toEqual([
      'It',
      'costs',
      '$',
      '1,234.56',
      '(',
      'approx',
      '.',
      ')',
      ',',
      'well-known',
      ';',
      '2019',
      '-',
      '2020',
      '.',
    ]);
  });

  it('unescapes the four HTML entities mteval knows and drops <skipped>', () => {
    expect(tokenize13a('a &amp; b &lt;c&gt; &quot;d&quot; <skipped>')).toEqual([
      'a',
      '&',
      'b',
      '<',
      'c',
      '>',
      '"',
      'd',
      '"',
    ]);
  });

  it('joins a line broken after a hyphen', () => {
    expect(tokenize13a('broken-\nacross')).toEqual(['brokenacross']);
  });
});

describe('edge cases', () => {
  it('is 100 for identical text and 0 for an empty hypothesis', () => {
    expect(bleu('The cat sat on the mat.', ['The cat sat on the mat.']).score).toBeCloseTo(100, 10);
    expect(bleu('', ['The cat sat on the mat.']).score).toBe(0);
  });

  it('refuses no references rather than inventing a score', () => {
    expect(() => bleu('x', [])).toThrow(RangeError);
    expect(() => corpusBleu(['x'], [])).toThrow(RangeError);
  });
});
