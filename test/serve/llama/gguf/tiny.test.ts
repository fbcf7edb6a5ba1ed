import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectGguf } from '../../../../src/serve/llama/gguf/reader.js';
import { tinyModel, tinyParameterCount } from '../../../../src/serve/llama/gguf/tiny.js';
import { buildVocab, SPACE, TokenType } from '../../../../src/serve/llama/gguf/vocab.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('tinyModel', () => {
  const zero = tinyModel({ seed: 0 });

  it('is byte-identical for the same seed and differs for another', () => {
    expect(sha(tinyModel({ seed: 0 }))).toBe(sha(zero));
    expect(sha(tinyModel())).toBe(sha(zero));
    expect(sha(tinyModel({ seed: 1 }))).not.toBe(sha(zero));
  });

  it('is about 1 MB', () => {
    expect(zero.length).toBeGreaterThan(800_000);
    expect(zero.length).toBeLessThan(1_500_000);
  });

  it('describes a 2-block, 64-wide llama with the tensors llama.cpp expects', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gauntlet-tiny-')), 'tiny.gguf');
    writeFileSync(file, zero);
    const info = await inspectGguf(file);
    const v = buildVocab().tokens.length;
    expect(info.metadata['general.architecture']).toBe('llama');
    expect(info.metadata['llama.vocab_size']).toBe(v);
    expect(info.metadata['tokenizer.ggml.tokens']).toEqual({ type: 'array', itemType: 'STRING', length: v });
    const dims = Object.fromEntries(info.tensors.map((t) => [t.name, t.dims]));
    expect(dims['token_embd.weight']).toEqual([64, v]);
    expect(dims['output.weight']).toEqual([64, v]);
    expect(dims['blk.1.ffn_down.weight']).toEqual([128, 64]);
    expect(dims['blk.1.ffn_gate.weight']).toEqual([64, 128]);
    expect(info.tensors).toHaveLength(3 + 2 * 9);
    const params = info.tensors.reduce((sum, t) => sum + t.dims.reduce((a, b) => a * b, 1), 0);
    expect(params).toBe(tinyParameterCount());
  });

  it('zeroes the output rows of special and byte tokens, and only those', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gauntlet-tiny-')), 'tiny.gguf');
    writeFileSync(file, zero);
    const info = await inspectGguf(file);
    const output = info.tensors.find((t) => t.name === 'output.weight');
    if (!output) throw new Error('no output.weight');
    const vocab = buildVocab();
    const rowIsZero = (id: number) => {
      const start = info.dataOffset + output.offset + id * 64 * 4;
      for (let k = 0; k < 64; k++) if (zero.readFloatLE(start + k * 4) !== 0) return false;
      return true;
    };
    vocab.types.forEach((type, id) => {
      expect(rowIsZero(id), vocab.tokens[id]).toBe(type !== TokenType.NORMAL);
    });
  });
});

describe('buildVocab', () => {
  const vocab = buildVocab();

  it('has the specials, the 256 byte tokens and word pieces with every prefix', () => {
    expect(vocab.tokens.slice(0, 5)).toEqual(['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>']);
    expect(vocab.tokens[5]).toBe('<0x00>');
    expect(vocab.tokens[5 + 255]).toBe('<0xFF>');
    expect(vocab.types.filter((t) => t === TokenType.BYTE)).toHaveLength(256);
    expect(vocab.tokens.length).toBeGreaterThan(1000);
    expect(vocab.tokens.length).toBeLessThan(1600);
    expect(new Set(vocab.tokens).size).toBe(vocab.tokens.length);
    const set = new Set(vocab.tokens);
    expect(set.has(`${SPACE}hello`)).toBe(true);
    for (const t of vocab.tokens) {
      if (!t.startsWith(SPACE) || t === SPACE) continue;
      const chars = Array.from(t);
      expect(set.has(chars.slice(0, -1).join(''))).toBe(true);
    }
  });

  it('scores pieces in descending order', () => {
    const normal = vocab.scores.filter((_, i) => vocab.types[i] === TokenType.NORMAL);
    for (let i = 1; i < normal.length; i++) expect(normal[i]).toBeLessThan(normal[i - 1] as number);
  });
});
