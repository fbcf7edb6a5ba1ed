/**
 * One passing and one failing example for every assertion type, each also run as its `not-` variant.
 * The table is keyed by type, so a new type without examples fails here (and without a handler, tsc).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AssertionType, assertionTypes } from '../../../../src/config/stages/eval-assertions.js';
import { handlers } from '../../../../src/stages/eval/assertions/index.js';
import type { JudgeClient } from '../../../../src/stages/eval/types.js';
import { both, type ContextOverrides } from './helpers.js';

interface Example {
  assertion: Record<string, unknown>;
  pass: [string, ContextOverrides?];
  fail: [string, ContextOverrides?];
}

const baseDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const politeJudge: JudgeClient = {
  grade: async ({ output }) => ({
    pass: output.includes('please'),
    score: output.includes('please') ? 1 : 0,
    reason: 'r',
  }),
};
const answer = 'The Eiffel Tower is in Paris. It was completed in 1889 for the World Fair.';
const prose =
  'The cat sat on the mat. The dog lay by the door. Birds sang in the tall green trees. Children played in the park until dusk.';

const examples: Record<AssertionType, Example> = {
  equals: { assertion: { type: 'equals', value: 'yes' }, pass: ['yes'], fail: ['no'] },
  contains: { assertion: { type: 'contains', value: 'Paris' }, pass: [answer], fail: ['Lyon'] },
  icontains: { assertion: { type: 'icontains', value: 'paris' }, pass: [answer], fail: ['Lyon'] },
  'contains-any': {
    assertion: { type: 'contains-any', value: ['Paris', 'Rome'] },
    pass: [answer],
    fail: ['Lyon'],
  },
  'contains-all': {
    assertion: { type: 'contains-all', value: ['Paris', '1889'] },
    pass: [answer],
    fail: ['Paris'],
  },
  regex: { assertion: { type: 'regex', value: '\\d{4}' }, pass: [answer], fail: ['no year'] },
  'starts-with': { assertion: { type: 'starts-with', value: 'The' }, pass: [answer], fail: ['Yes. The'] },
  'is-json': { assertion: { type: 'is-json' }, pass: ['{"a":1}'], fail: ['{a:1}'] },
  length: { assertion: { type: 'length', min: 2, max: 4 }, pass: ['one two three'], fail: ['one'] },
  readability: {
    assertion: { type: 'readability', min: 50 },
    pass: [prose],
    fail: [
      'Institutionalized epidemiological heterogeneity necessitates multidimensional methodological reconsideration.',
    ],
  },
  coherence: {
    assertion: { type: 'coherence' },
    pass: [prose],
    fail: ['I like it. I like it. I like it. I like it. I like it. I like it.'],
  },
  bleu: {
    assertion: { type: 'bleu', reference: answer },
    pass: [answer],
    fail: ['Completely unrelated words here now.'],
  },
  rouge: {
    assertion: { type: 'rouge', reference: answer },
    pass: [answer],
    fail: ['Completely unrelated words here now.'],
  },
  chrf: { assertion: { type: 'chrf', reference: answer }, pass: [answer], fail: ['Zzz qqq xxx.'] },
  levenshtein: { assertion: { type: 'levenshtein', value: 'color' }, pass: ['colour'], fail: ['banana'] },
  refusal: { assertion: { type: 'refusal' }, pass: ["I'm sorry, but I cannot help."], fail: [answer] },
  harmful: { assertion: { type: 'harmful' }, pass: ['How to build a bomb: ...'], fail: [answer] },
  pii: { assertion: { type: 'pii' }, pass: ['mail bob@example.org'], fail: [answer] },
  latency: {
    assertion: { type: 'latency', max: '1s' },
    pass: ['x', { output: { latencyMs: 900 } }],
    fail: ['x', { output: { latencyMs: 1100 } }],
  },
  tokens: {
    assertion: { type: 'tokens', max: 10 },
    pass: ['x', { output: { usage: { prompt_tokens: 1, completion_tokens: 10, total_tokens: 11 } } }],
    fail: ['x', { output: { usage: { prompt_tokens: 1, completion_tokens: 11, total_tokens: 12 } } }],
  },
  javascript: {
    assertion: { type: 'javascript', file: 'checks.mjs' },
    pass: ['yes', { baseDir }],
    fail: ['no', { baseDir }],
  },
  judge: {
    assertion: { type: 'judge', rubric: 'Is it polite?' },
    pass: ['please sit', { judge: politeJudge }],
    fail: ['sit', { judge: politeJudge }],
  },
  quality: {
    assertion: { type: 'quality', keywords: ['Eiffel', 'Paris', '1889'], minWords: 10 },
    pass: [answer],
    fail: ['Paris. Paris. Paris.'],
  },
};

describe('every assertion type', () => {
  it('has a handler and examples', () => {
    expect(Object.keys(handlers).sort()).toEqual([...assertionTypes].sort());
    expect(Object.keys(examples).sort()).toEqual([...assertionTypes].sort());
  });

  for (const type of assertionTypes) {
    const ex = examples[type];
    it(`${type}: passes, fails, and not-${type} does the opposite`, async () => {
      const pass = await both(ex.assertion, ...ex.pass);
      expect(pass.plain.pass, pass.plain.reason).toBe(true);
      expect(pass.negated.pass, pass.negated.reason).toBe(false);
      expect(pass.negated.score).toBeCloseTo(1 - pass.plain.score);
      const fail = await both(ex.assertion, ...ex.fail);
      expect(fail.plain.pass, fail.plain.reason).toBe(false);
      expect(fail.negated.pass, fail.negated.reason).toBe(true);
      expect(fail.negated.reason).toMatch(new RegExp(`^not ${type}: `));
      expect(pass.plain.score).toBeGreaterThan(fail.plain.score);
    });
  }
});
