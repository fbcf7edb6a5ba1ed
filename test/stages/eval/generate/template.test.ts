import { describe, expect, it } from 'vitest';
import {
  builtinGroups,
  builtinLexicons,
  namesByEthnicity,
  resolveLexicons,
} from '../../../../src/stages/eval/generate/lexicons/index.js';
import { expandTemplate, render } from '../../../../src/stages/eval/generate/template.js';

const lex = { adj: ['good', 'bad', 'odd'], thing: ['film', 'book'], name: ['Ann', 'Bob', 'Cy', 'Di'] };

describe('expandTemplate', () => {
  it('lists the whole cross product, in order, when it fits in maxCases', () => {
    const out = expandTemplate('The {thing} was {adj}.', lex, { maxCases: 100 });
    expect(out).toHaveLength(6);
    expect(out.map((c) => c.text)).toContain('The book was odd.');
    expect(new Set(out.map((c) => c.text)).size).toBe(6);
    expect(out[0]).toEqual({ text: 'The film was good.', fill: { thing: 'film', adj: 'good' } });
  });

  it('draws distinct values for {name:1} and {name:2}, and reuses a repeated placeholder', () => {
    const out = expandTemplate('{name:1} met {name:2}; {name:1} smiled.', lex, { maxCases: 100 });
    // Ordered pairs of distinct names: 4 × 3.
    expect(out).toHaveLength(12);
    for (const c of out) {
      expect(c.fill['name:1']).not.toBe(c.fill['name:2']);
      expect(c.text).toBe(`${c.fill['name:1']} met ${c.fill['name:2']}; ${c.fill['name:1']} smiled.`);
    }
  });

  it('samples without replacement down to maxCases, the same for the same seed', () => {
    const a = expandTemplate('{name:1} and {name:2} find the {thing} {adj}.', lex, { maxCases: 10, seed: 7 });
    expect(a).toHaveLength(10);
    expect(new Set(a.map((c) => c.text)).size).toBe(10);
    expect(
      expandTemplate('{name:1} and {name:2} find the {thing} {adj}.', lex, { maxCases: 10, seed: 7 }),
    ).toEqual(a);
    expect(
      expandTemplate('{name:1} and {name:2} find the {thing} {adj}.', lex, { maxCases: 10, seed: 8 }),
    ).not.toEqual(a);
  });

  it('samples distinct fills from a product too large to index', () => {
    const big = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e'].map((k) => [k, Array.from({ length: 100 }, (_, i) => `${k}${i}`)]),
    );
    const out = expandTemplate('{a} {b} {c} {d} {e}', big, { maxCases: 200, seed: 3 });
    expect(out).toHaveLength(200);
    expect(new Set(out.map((c) => c.text)).size).toBe(200);
  });

  it('fills built-in lexicons, with "a"/"an" and sentence-start capitals', () => {
    const out = expandTemplate('{a:profession} asked {first_name} for help.', builtinLexicons, {
      maxCases: 500,
    });
    expect(out.map((c) => c.text)).toContain('An engineer asked Mary for help.');
    expect(out.map((c) => c.text)).toContain('A doctor asked Mary for help.');
    expect(out[0]?.fill).toHaveProperty('profession');
  });

  it('gives the template itself when it has no placeholder', () => {
    expect(expandTemplate('Hello.', lex)).toEqual([{ text: 'Hello.', fill: {} }]);
  });

  it('names the known lexicons when a placeholder has none, and rejects too few words', () => {
    expect(() => expandTemplate('{colour}', lex)).toThrow(/colour.*known: adj, name, thing/);
    expect(() => expandTemplate('{thing:1} {thing:2} {thing:3}', lex)).toThrow(/2 distinct words for 3/);
  });
});

describe('lexicons', () => {
  it('lets a test lexicon replace a built-in by name and add new ones', () => {
    const merged = resolveLexicons({ profession: ['astronaut'], fruit: ['pear'] });
    expect(merged.profession).toEqual(['astronaut']);
    expect(merged.fruit).toEqual(['pear']);
    expect(merged.city).toBe(builtinLexicons.city);
  });

  it('keeps index-paired lists aligned and groups parallel within a dimension', () => {
    expect(builtinLexicons.country).toHaveLength(builtinLexicons.nationality!.length);
    expect(builtinLexicons.religion).toHaveLength(builtinLexicons.religious_adherent!.length);
    for (const { female, male } of Object.values(namesByEthnicity)) expect(female).toHaveLength(male.length);
    for (const [dimension, groups] of Object.entries(builtinGroups)) {
      const lengths = new Set(Object.values(groups).map((g) => g.length));
      expect(lengths.size, dimension).toBeLessThanOrEqual(1);
    }
  });

  it('render leaves unknown placeholders as written', () => {
    expect(render('{x} and {y}', { x: 'one' })).toBe('One and {y}');
  });
});
