import { describe, expect, it } from 'vitest';
import { charCount, estimateTokens, wordCount } from '../../../src/metrics/text/index.js';
import { pyRstrip, pySplit, removePunctuation } from '../../../src/metrics/text/python-compat.js';

describe('wordCount and charCount', () => {
  it('counts whitespace-separated pieces with a letter or digit', () => {
    expect(wordCount('Hello, world \u2014 again! 42 \u00e9t\u00e9')).toBe(5);
    expect(wordCount('  ')).toBe(0);
    expect(wordCount('well-known   state-of-the-art')).toBe(2);
  });

  it('counts code points, so emoji and precomposed letters count once', () => {
    expect(charCount('caf\u00e9 \u{1F600}')).toBe(6);
    expect(charCount('')).toBe(0);
  });
});

describe('estimateTokens', () => {
  it('follows its documented rules', () => {
    // 5 short words, 'internationally' (15 letters: 1 + ceil(6/5)), ',' and '.', '2024' (2 digit groups).
    expect(estimateTokens('The cat sat on the internationally, 2024.')).toBe(5 + 3 + 1 + 1 + 2);
    expect(estimateTokens('\u6211\u559c\u6b22\u5403\u82f9\u679c')).toBe(6);
    expect(estimateTokens('')).toBe(0);
  });

  it('lands near words x 1.3 on ordinary prose', () => {
    const prose =
      'The old lighthouse keeper climbed the spiral stairs every evening at dusk. He counted each step out ' +
      'loud, because his father had done the same.';
    const ratio = estimateTokens(prose) / (wordCount(prose) * 1.3);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });
});

describe('Python string semantics', () => {
  it("splits and strips on Python's whitespace, not JavaScript's", () => {
    // U+FEFF is whitespace to JavaScript's \s but not to Python; U+001F and U+0085 the other way round.
    expect(pySplit('a\ufeffb c\u001fd\u0085e')).toEqual(['a\ufeffb', 'c', 'd', 'e']);
    expect(pyRstrip('x \u3000\u0085')).toBe('x');
  });

  it('removes punctuation like re.sub(r"[^\\w\\s]", "", s), combining marks included', () => {
    expect(removePunctuation("It's caf\u00e9 \u2014 cafe\u0301, 3.5% snake_case!")).toBe(
      'Its caf\u00e9  cafe 35 snake_case',
    );
  });
});
