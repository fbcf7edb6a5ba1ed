import { describe, expect, it } from 'vitest';
import { porterStem, rouge, rougeTokenize } from '../../../src/metrics/text/index.js';
import { close, reference } from './reference.js';

const label = (c: (typeof reference.rouge)[number]) => `${c.name} ${c.variant}${c.stemmer ? ' stemmed' : ''}`;

describe('ROUGE matches rouge-score (score / score_multi)', () => {
  it.each(reference.rouge.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const refs = c.references.length === 1 ? c.references[0]! : c.references;
    const r = rouge(c.hypothesis, refs, c.variant, { stemmer: c.stemmer });
    for (const key of ['precision', 'recall', 'fmeasure'] as const) {
      expect(close(r[key], c[key], 1e-9), `${key} ${r[key]} vs ${c[key]}`).toBe(true);
    }
  });

  it('covers rouge1, rouge2 and rougeL, with and without the stemmer', () => {
    expect(new Set(reference.rouge.map((c) => `${c.variant}/${c.stemmer}`)).size).toBe(6);
  });
});

describe("ROUGE against rouge-score's own ROUGE-1.5.5 ground truth", () => {
  // rouge/testdata/{target,prediction}.txt line 1 and rouge_scorer_test.py's expectations (5 places).
  const target =
    "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr " +
    "q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n";
  const prediction = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n";

  it.each([
    ['rouge1', false, 0.40741, 0.6875, 0.51163],
    ['rouge2', false, 0.30769, 0.53333, 0.39024],
    ['rougeL', false, 0.40741, 0.6875, 0.51163],
    ['rouge1', true, 0.40741, 0.6875, 0.51163],
  ] as const)('%s stemmer=%s', (variant, stemmer, recall, precision, f) => {
    const r = rouge(prediction, target, variant, { stemmer });
    expect(r.recall).toBeCloseTo(recall, 5);
    expect(r.precision).toBeCloseTo(precision, 5);
    expect(r.fmeasure).toBeCloseTo(f, 5);
  });
});

describe('ROUGE tokenizer and multi-reference rule', () => {
  it('lowercases and treats anything outside [a-z0-9] as a separator', () => {
    expect(rougeTokenize("Don't STOP—café 3.14!")).toEqual(['don', 't', 'stop', 'caf', '3', '14']);
    expect(rougeTokenize('running quickly', true)).toEqual(['run', 'quickli']);
    // Tokens of 3 characters or fewer are never stemmed.
    expect(rougeTokenize('was ran', true)).toEqual(['was', 'ran']);
  });

  it('keeps the reference with the best F-measure, the first on a tie', () => {
    const multi = rouge('the cat sat', ['a dog', 'the cat sat down', 'the cat sat up'], 'rouge1');
    expect(multi).toEqual(rouge('the cat sat', 'the cat sat down', 'rouge1'));
    expect(() => rouge('x', [], 'rougeL')).toThrow(RangeError);
  });

  it('scores 0 when either side has no tokens', () => {
    expect(rouge('', 'reference', 'rougeL')).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
    expect(rouge('...', 'reference', 'rouge1').fmeasure).toBe(0);
  });
});

describe("Porter stemmer matches NLTK's PorterStemmer (NLTK_EXTENSIONS)", () => {
  const words = Object.entries(reference.porter);

  it(`stems all ${words.length} reference words identically`, () => {
    const wrong = words
      .filter(([w, stem]) => porterStem(w) !== stem)
      .map(([w, stem]) => `${w}: ${porterStem(w)} != ${stem}`);
    expect(wrong).toEqual([]);
    expect(words.length).toBeGreaterThan(1000);
  });

  it('applies the irregular forms and leaves short words alone', () => {
    expect(['skies', 'dying', 'news', 'proceed', 'is', 'constructor'].map(porterStem)).toEqual([
      'sky',
      'die',
      'news',
      'proceed',
      'is',
      'constructor',
    ]);
  });
});
