import { describe, expect, it } from 'vitest';
import { checklistTestSchema } from '../../../../src/config/stages/eval.js';
import {
  buildChecklist,
  compareDirection,
  compareInvariance,
} from '../../../../src/stages/eval/generate/checklist.js';

const parse = (t: unknown) => checklistTestSchema.parse(t);

describe('buildChecklist', () => {
  it('MFT: one case per fill, each carrying the expected assertions', () => {
    const test = parse({
      type: 'MFT',
      name: 'pos',
      template: 'I thought the {thing} was {pos_adj}. Sentiment?',
      lexicons: { thing: ['film', 'meal'] },
      expect: [{ type: 'icontains', value: 'positive' }],
    });
    const { cases, skipped } = buildChecklist(test);
    expect(cases).toHaveLength(16);
    expect(cases[0]).toMatchObject({
      id: 'checklist:pos#0',
      suite: 'checklist:pos',
      type: 'MFT',
      expect: [{ type: 'icontains', value: 'positive' }],
    });
    expect(cases[0]?.original).toBeUndefined();
    expect(skipped).toEqual({});
  });

  it('INV: pairs each fill with each perturbation, skipping those that do not apply', () => {
    const test = parse({
      type: 'INV',
      name: 'robust',
      template: '{first_name} says hello',
      lexicons: { first_name: ['Anna', 'Beth'] },
      perturb: ['typo', 'name-swap', 'negation'],
      extract: { regex: 'label: (\\w+)' },
    });
    const { cases, skipped } = buildChecklist(test);
    // 2 fills × (typo + name-swap); negation finds nothing to negate in "says hello".
    expect(cases).toHaveLength(4);
    expect(skipped).toEqual({ negation: 2 });
    const swap = cases.find((c) => c.id === 'checklist:robust#0:name-swap');
    expect(swap).toMatchObject({
      original: 'Anna says hello',
      perturbed: 'Beth says hello',
      prompt: 'Beth says hello',
      perturbation: 'name-swap',
    });
    expect(buildChecklist(test)).toEqual({ name: 'robust', type: 'INV', cases, skipped });
  });

  it('DIR: a different seed samples different fills', () => {
    const base = {
      type: 'DIR',
      name: 'neg',
      template: '{first_name} is {pos_adj}.',
      perturb: ['negation'],
      measure: 'sentiment',
      direction: 'decrease',
      maxCases: 5,
    };
    const a = buildChecklist(parse({ ...base, seed: 1 }));
    expect(a.cases).toHaveLength(5);
    expect(a.cases[0]?.prompt).toMatch(/ is not /);
    expect(buildChecklist(parse({ ...base, seed: 2 })).cases.map((c) => c.prompt)).not.toEqual(
      a.cases.map((c) => c.prompt),
    );
  });
});

describe('compareInvariance', () => {
  it('compares normalised text by default', () => {
    expect(compareInvariance('Paris.', '  paris ')).toMatchObject({ pass: true, a: 'paris', b: 'paris' });
    expect(compareInvariance('Paris', 'Lyon')).toMatchObject({ pass: false, a: 'paris', b: 'lyon' });
  });

  it('reads a label with a regex (first group, case-insensitive)', () => {
    const extract = { regex: 'sentiment:\\s*(\\w+)' };
    expect(compareInvariance('Sentiment: Positive', 'so... SENTIMENT: positive!', extract).pass).toBe(true);
    expect(compareInvariance('Sentiment: positive', 'Sentiment: negative', extract).pass).toBe(false);
    const missing = compareInvariance('Sentiment: positive', 'no idea', extract);
    expect(missing).toMatchObject({ pass: false, b: undefined });
    expect(missing.reason).toMatch(/perturbed answer/);
  });

  it('reads a JSON path, bare or inside a ```json fence', () => {
    const extract = { json: 'result.label' };
    const fenced = 'Here you go:\n```json\n{"result": {"label": "spam", "p": 0.9}}\n```';
    expect(compareInvariance('{"result": {"label": "spam"}}', fenced, extract)).toMatchObject({
      pass: true,
      a: 'spam',
    });
    expect(
      compareInvariance('{"result": {"label": "spam"}}', '{"result": {"label": "ham"}}', extract).pass,
    ).toBe(false);
    expect(
      compareInvariance(
        '{"result": {"tags": [1, {"b": 2, "a": 1}]}}',
        '{"result":{"tags":[1,{"a":1,"b":2}]}}',
        { json: 'result.tags' },
      ).pass,
    ).toBe(true);
    expect(compareInvariance('not json', '{"result": {}}', extract).pass).toBe(false);
  });
});

describe('compareDirection', () => {
  it('moves sentiment (AFINN comparative)', () => {
    const r = compareDirection(
      'This is a wonderful, great hotel.',
      'This is a terrible hotel.',
      'sentiment',
      'decrease',
    );
    expect(r.pass).toBe(true);
    expect(r.delta).toBeLessThan(0);
    expect(compareDirection('I love it.', 'I hate it.', 'sentiment', 'increase').pass).toBe(false);
  });

  it('measures length in words', () => {
    expect(compareDirection('one two', 'one two three', 'length', 'increase')).toMatchObject({
      pass: true,
      a: 2,
      b: 3,
      delta: 1,
    });
    expect(compareDirection('one two', 'three four', 'length', 'change').pass).toBe(false);
    expect(compareDirection('one two', 'three four', 'length', 'not-increase').pass).toBe(true);
  });

  it('reads numbers by regex and by JSON path', () => {
    expect(
      compareDirection('Score: 3', 'Score: 1,200', { regex: 'score: ([\\d,.]+)' }, 'increase'),
    ).toMatchObject({ pass: true, b: 1200 });
    expect(
      compareDirection('{"risk": 0.2}', '```json\n{"risk": "0.7"}\n```', { json: 'risk' }, 'not-decrease')
        .pass,
    ).toBe(true);
    expect(compareDirection('{"risk": 0.2}', 'no number', { json: 'risk' }, 'increase')).toMatchObject({
      pass: false,
      b: undefined,
    });
  });
});
