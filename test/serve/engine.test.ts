import { describe, expect, it } from 'vitest';
import { compileAnswers } from '../../src/serve/answers.js';
import { findInstruction } from '../../src/serve/engine/instructions.js';
import { sampleMs } from '../../src/serve/engine/latency.js';
import { type ChoiceInput, planChoice } from '../../src/serve/engine/plan.js';
import { createRng, hashSeed } from '../../src/serve/engine/prng.js';
import { Scheduler } from '../../src/serve/engine/scheduler.js';
import { countTokens, tokenize } from '../../src/serve/index.js';

describe('tokenizer', () => {
  const samples = [
    'Hello, world!',
    '  leading spaces and trailing  ',
    'numbers 123 and 4.56e7, ok?!',
    'multi\nline\ttext ... with ??? runs',
    'unicode: café naïve 東京 ✓',
    '',
    '   ',
  ];

  it('gives back the text exactly when tokens are joined', () => {
    for (const text of samples) expect(tokenize(text).join('')).toBe(text);
  });

  it('splits words, numbers and punctuation runs, whitespace going with the next token', () => {
    expect(tokenize('Hello, world!')).toEqual(['Hello', ',', ' world', '!']);
    expect(tokenize('abc123 ?!. x')).toEqual(['abc', '123', ' ?!.', ' x']);
    expect(tokenize('end  ')).toEqual(['end', '  ']);
  });

  it('counts what tokenize returns, and a prefix of tokens re-tokenizes to itself', () => {
    for (const text of samples) {
      const tokens = tokenize(text);
      expect(countTokens(text)).toBe(tokens.length);
      for (let k = 0; k <= tokens.length; k++) expect(countTokens(tokens.slice(0, k).join(''))).toBe(k);
    }
  });
});

describe('prng', () => {
  it('is reproducible from a seed and differs between seeds', () => {
    const a = createRng(hashSeed('x', 1));
    const b = createRng(hashSeed('x', 1));
    const c = createRng(hashSeed('x', 2));
    const seqA = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(seqA);
    expect([c.next(), c.next(), c.next()]).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });

  it('keeps distinct part lists distinct', () => {
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
  });
});

describe('latency distributions', () => {
  const draw = (dist: Parameters<typeof sampleMs>[0], n = 4000) => {
    const rng = createRng(1);
    return Array.from({ length: n }, () => sampleMs(dist, rng));
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

  it('fixed, uniform, normal (clamped) and lognormal have the right centre and range', () => {
    expect(draw({ dist: 'fixed', ms: 5 }, 3)).toEqual([5, 5, 5]);
    const u = draw({ dist: 'uniform', minMs: 10, maxMs: 20 });
    expect(Math.min(...u)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...u)).toBeLessThanOrEqual(20);
    expect(mean(u)).toBeCloseTo(15, 0);
    const n = draw({ dist: 'normal', meanMs: 50, stddevMs: 10 });
    expect(mean(n)).toBeGreaterThan(49);
    expect(mean(n)).toBeLessThan(51);
    expect(Math.min(...draw({ dist: 'normal', meanMs: 1, stddevMs: 10 }))).toBe(0);
    const l = draw({ dist: 'lognormal', medianMs: 30, sigma: 0.5 });
    expect(median(l)).toBeGreaterThan(28);
    expect(median(l)).toBeLessThan(32);
  });
});

describe('instructions', () => {
  it('finds "Repeat exactly:" and "Echo:" in any case, on any line', () => {
    expect(findInstruction('Repeat exactly: alpha 42')).toBe('alpha 42');
    expect(findInstruction('context line\nplease ECHO:   the-token\nmore')).toBe('the-token');
    expect(findInstruction('repeat  exactly:x')).toBe('x');
    expect(findInstruction('echo without colon')).toBeUndefined();
    expect(findInstruction('Gecho: no')).toBeUndefined();
  });
});

describe('planChoice', () => {
  const base: ChoiceInput = {
    canonicalPrompt: 'p',
    instructionText: 'tell me something',
    choiceIndex: 0,
    temperature: 0,
    topP: 1,
    seed: undefined,
    entropy: 1,
    maxTokens: 1000,
    explicitMaxTokens: false,
    stop: [],
    stream: false,
    answers: [],
    broken: new Set(),
  };

  it('ends naturally with stop, or by length at max_tokens with a prefix of the same text', () => {
    const full = planChoice(base);
    expect(full.finishReason).toBe('stop');
    expect(full.tokens.length).toBeGreaterThan(3);
    const cut = planChoice({ ...base, maxTokens: 3, explicitMaxTokens: true });
    expect(cut).toEqual({ tokens: full.tokens.slice(0, 3), finishReason: 'length' });
  });

  it('stops before the earliest stop sequence', () => {
    const text = planChoice({ ...base, instructionText: 'Echo: one two. three four' }).tokens.join('');
    expect(text).toBe('one two. three four');
    const plan = planChoice({ ...base, instructionText: 'Echo: one two. three four', stop: ['four', '.'] });
    expect(plan).toEqual({ tokens: ['one', ' two'], finishReason: 'stop' });
  });

  it('checks answer rules before the instruction', () => {
    const answers = compileAnswers([{ match: { regex: '^echo', flags: 'i' }, response: 'scripted' }]);
    expect(planChoice({ ...base, instructionText: 'Echo: x', answers }).tokens.join('')).toBe('scripted');
  });

  it('varies with entropy only when sampling without a seed', () => {
    const sampled = { ...base, temperature: 0.8 };
    const texts = (input: ChoiceInput) => planChoice(input).tokens.join('');
    expect(texts({ ...base, entropy: 2 })).toBe(texts(base));
    expect(texts({ ...sampled, entropy: 2 })).not.toBe(texts(sampled));
    expect(texts({ ...sampled, seed: 3, entropy: 2 })).toBe(texts({ ...sampled, seed: 3 }));
  });
});

describe('Scheduler', () => {
  it('admits in FIFO order, refuses past the queue limit, and slows down with load', async () => {
    const s = new Scheduler(1, 1, 0.5);
    const signal = new AbortController().signal;
    const first = await s.acquire(signal);
    expect(s.slowdown()).toBe(1);
    const second = s.acquire(signal);
    expect(second).toBeDefined();
    expect(s.acquire(signal)).toBeUndefined();
    expect(s.queued).toBe(1);
    first?.();
    const release = await second;
    expect(s.active).toBe(1);
    release?.();
    release?.();
    expect(s.active).toBe(0);
    const a = await s.acquire(signal);
    const s2 = new Scheduler(3, 0, 0.5);
    await s2.acquire(signal);
    await s2.acquire(signal);
    expect(s2.slowdown()).toBe(1.5);
    a?.();
  });

  it('drops a waiter whose request is aborted', async () => {
    const s = new Scheduler(1, 5, 0);
    const signal = new AbortController().signal;
    await s.acquire(signal);
    const ac = new AbortController();
    const waiting = s.acquire(ac.signal);
    ac.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(s.queued).toBe(0);
  });
});
