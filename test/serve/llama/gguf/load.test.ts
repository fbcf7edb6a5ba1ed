/** The tiny model through the real llama.cpp (node-llama-cpp's prebuilt CPU binary): it loads, tokenizes and generates. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModel } from '../../../../src/serve/llama/gguf/tiny.js';
import { buildVocab } from '../../../../src/serve/llama/gguf/vocab.js';

describe('the tiny model in llama.cpp', () => {
  let llama: Llama;
  let model: LlamaModel;
  const vocabSize = buildVocab().tokens.length;

  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gauntlet-llama-')), 'tiny.gguf');
    writeFileSync(file, tinyModel({ seed: 0 }));
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    model = await llama.loadModel({ modelPath: file });
  }, 60_000);

  afterAll(async () => {
    await model?.dispose();
    await llama?.dispose();
  });

  it('reads the vocabulary and special tokens from the metadata', () => {
    expect(model.fileInfo.metadata.general.architecture).toBe('llama');
    expect(model.tokens.bos).toBe(1);
    expect(model.tokens.eos).toBe(4);
    expect(model.detokenize([model.tokens.eos as never], true)).toBe('<|im_end|>');
  });

  it('tokenizes into word pieces inside the vocabulary and detokenizes back', () => {
    const tokens = model.tokenize('hello world');
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.length).toBeLessThanOrEqual(2);
    for (const t of tokens) expect(t).toBeGreaterThan(4 + 256);
    for (const t of tokens) expect(t).toBeLessThan(vocabSize);
    expect(model.detokenize(tokens)).toBe('hello world');
    // Text outside the word pieces goes through the byte tokens and still comes back whole.
    const odd = model.tokenize('Zürich → 42 ✓');
    expect(odd.some((t) => t >= 5 && t < 5 + 256)).toBe(true);
    expect(model.detokenize(odd)).toBe('Zürich → 42 ✓');
  });

  async function greedy(): Promise<number[]> {
    const context = await model.createContext({ threads: 1, contextSize: 512 });
    try {
      const sequence = context.getSequence();
      const prompt = [
        model.tokens.bos as NonNullable<typeof model.tokens.bos>,
        ...model.tokenize('hello world'),
      ];
      const out: number[] = [];
      for await (const token of sequence.evaluate(prompt, { temperature: 0 })) {
        out.push(token);
        if (out.length >= 16) break;
      }
      return out;
    } finally {
      await context.dispose();
    }
  }

  it('generates 16 tokens greedily, the same in two runs', async () => {
    const first = await greedy();
    expect(first).toHaveLength(16);
    for (const t of first) expect(t).toBeLessThan(vocabSize);
    expect(await greedy()).toEqual(first);
  });
});
