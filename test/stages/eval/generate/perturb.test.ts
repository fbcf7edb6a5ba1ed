import { describe, expect, it } from 'vitest';
import { negate } from '../../../../src/stages/eval/generate/negation.js';
import { perturb, perturbations, perturbationsFor } from '../../../../src/stages/eval/generate/perturb.js';
import {
  changeCase,
  charSwap,
  confusables,
  punctuation,
  typo,
  whitespace,
} from '../../../../src/stages/eval/generate/perturb-chars.js';
import { nameSwap, synonymSwap } from '../../../../src/stages/eval/generate/perturb-words.js';
import { rngFor } from '../../../../src/stages/eval/generate/random.js';

const rng = (label = '') => rngFor(42, label);
const diff = (a: string, b: string) => [...a].filter((ch, i) => b[i] !== ch).length;

describe('character perturbations', () => {
  it('typo replaces one letter with a keyboard neighbour, keeping case', () => {
    const out = typo('Hello', rng()) as string;
    expect(out).toHaveLength(5);
    expect(diff('Hello', out)).toBe(1);
    const i = [...'Hello'].findIndex((ch, k) => out[k] !== ch);
    const neighbours: Record<string, string> = { h: 'gyujnb', e: 'wrsd', l: 'kop', o: 'ipkl' };
    expect(neighbours['Hello'[i]!.toLowerCase()]).toContain(out[i]!.toLowerCase());
    expect(out[0] === out[0]!.toUpperCase()).toBe(true);
    expect(typo('123 !!', rng())).toBeUndefined();
  });

  it('char-swap swaps two adjacent different letters', () => {
    expect(charSwap('ab', rng())).toBe('ba');
    const out = charSwap('swap letters', rng()) as string;
    expect([...out].sort().join('')).toBe([...'swap letters'].sort().join(''));
    expect(diff('swap letters', out)).toBe(2);
    expect(charSwap('aa bb', rng())).toBeUndefined();
  });

  it('case always changes the text', () => {
    for (let s = 0; s < 10; s++) {
      const out = changeCase('Hello World', rngFor(s)) as string;
      expect(out).not.toBe('Hello World');
      expect(out.toLowerCase()).toBe('hello world');
    }
    expect(changeCase('1234', rng())).toBeUndefined();
  });

  it('punctuation removes final punctuation, or a comma, or adds a full stop', () => {
    expect(punctuation('Is it good?', rng())).toBe('Is it good');
    expect(punctuation('It is good', rng())).toBe('It is good.');
    const out = new Set(Array.from({ length: 20 }, (_, s) => punctuation('Yes, it is good!', rngFor(s))));
    expect(out).toEqual(new Set(['Yes, it is good', 'Yes it is good!']));
    expect(punctuation('...', rng())).toBeUndefined();
  });

  it('whitespace only adds whitespace', () => {
    const out = whitespace('a b c', rng()) as string;
    expect(out.replace(/\s+/g, ' ').trim()).toBe('a b c');
    expect(out).not.toBe('a b c');
    expect(whitespace('   ', rng())).toBeUndefined();
  });

  it('confusables swaps in look-alike letters from other scripts', () => {
    const out = confusables('pace', rng()) as string;
    expect(out).not.toBe('pace');
    expect(out).toHaveLength(4);
    expect(/[^\x00-\x7f]/.test(out)).toBe(true);
    expect(confusables('123', rng())).toBeUndefined();
  });
});

describe('word perturbations', () => {
  it('name-swap replaces every occurrence with a name from the same list', () => {
    const swap = nameSwap([
      ['Anna', 'Beth'],
      ['Carl', 'Dave', 'Eric'],
    ]);
    expect(swap('Anna met Anna.', rng())).toBe('Beth met Beth.');
    const out = swap('Carl called.', rng()) as string;
    expect(['Dave called.', 'Eric called.']).toContain(out);
    expect(swap('Nobody here.', rng())).toBeUndefined();
    // Names match as written: "mark the page" holds no Mark.
    expect(nameSwap([['Mark', 'John']])('mark the page', rng())).toBeUndefined();
  });

  it('name-swap keeps gender with the built-in lists', () => {
    for (let s = 0; s < 10; s++) {
      const out = perturbations['name-swap']('Mary was great.', rngFor(s)) as string;
      const name = out.split(' ')[0] as string;
      expect([
        'Patricia',
        'Jennifer',
        'Linda',
        'Elizabeth',
        'Susan',
        'Jessica',
        'Sarah',
        'Karen',
        'Emily',
      ]).toContain(name);
    }
  });

  it('name-swap uses a test lexicon of names', () => {
    const p = perturbationsFor({ pilot_name: ['Zed', 'Yan'] });
    expect(p['name-swap']('Zed flies.', rng())).toBe('Yan flies.');
  });

  it('synonyms swaps one word within its set, keeping capitals', () => {
    const swap = synonymSwap([['big', 'large']]);
    expect(swap('Big dogs', rng())).toBe('Large dogs');
    const builtin = perturbations.synonyms('The movie was good.', rng()) as string;
    expect(['The film was good.', 'The movie was great.', 'The movie was nice.']).toContain(builtin);
    expect(perturbations.synonyms('Zzz qqq.', rng())).toBeUndefined();
  });
});

describe('negation', () => {
  it.each([
    ['The food is good.', 'The food is not good.'],
    ['You can trust him.', 'You cannot trust him.'],
    ['It will rain.', 'It will not rain.'],
    ['The staff were rude.', 'The staff were not rude.'],
    ['I like this hotel.', 'I do not like this hotel.'],
    ['She loves the view.', 'She does not love the view.'],
    ['They have finished.', 'They have not finished.'],
    ['Is it raining?', "Isn't it raining?"],
    ['Will you come?', "Won't you come?"],
  ])('%s -> %s', (input, expected) => {
    expect(negate(input)).toBe(expected);
  });

  it.each([
    ['This is not good.'],
    ["It isn't good."],
    ['I cannot go.'],
    ['Hello there!'],
    ['May I come in?'],
    ['I have a dog.'],
  ])('does not apply to %s', (input) => {
    expect(negate(input)).toBeUndefined();
  });
});

describe('perturb', () => {
  it('is deterministic for a seed and treats "no change" as not applicable', () => {
    const text = 'Mary thinks the movie is good, and she can explain why.';
    for (const name of Object.keys(perturbations) as (keyof typeof perturbations)[]) {
      const a = perturb(name, text, rngFor(5, name));
      expect(a, name).toBeDefined();
      expect(perturb(name, text, rngFor(5, name)), name).toBe(a);
    }
    expect(perturb('negation', 'Hello there', rng())).toBeUndefined();
  });
});
