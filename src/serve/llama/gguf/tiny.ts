/**
 * A tiny random-weight Llama model (GGUF v3, F32, about 1 MB) that llama.cpp loads like any other: its
 * text is gibberish, but it drives the real loading, tokenizing, decoding, streaming and batching paths
 * in seconds, with nothing to download. The same seed gives the same bytes on every machine: weights come
 * from an integer generator (no Math.sin/log) and are written in a fixed order.
 */
import { createRng, hashSeed } from '../../engine/prng.js';
import { GgufValueType } from './format.js';
import { buildVocab, TokenType, type Vocab } from './vocab.js';
import { type GgufTensorInput, gguf, writeGguf } from './writer.js';

/** The model's shape; the metadata and the tensors are both derived from it. */
export const TINY_SHAPE = {
  embedding: 64,
  blocks: 2,
  feedForward: 128,
  heads: 4,
  contextLength: 2048,
} as const;

/** ChatML, so chat requests render the way many real models' templates do. */
export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** Weights are uniform in ±LIMIT: a standard deviation of 0.02, the usual initialisation scale. */
const LIMIT = 0.02 * Math.sqrt(3);

export interface TinyModelOptions {
  seed?: number;
}

function uniform(seed: number, name: string, length: number): Float32Array {
  const rng = createRng(hashSeed('gauntlet-tiny', seed, name));
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = (rng.next() * 2 - 1) * LIMIT;
  return out;
}

const ones = (length: number) => new Float32Array(length).fill(1);

function tensors(seed: number, vocab: Vocab): GgufTensorInput[] {
  const { embedding: n, feedForward: ff, blocks } = TINY_SHAPE;
  const v = vocab.tokens.length;
  const output = uniform(seed, 'output.weight', n * v);
  // Rows of special and byte tokens score 0 while the best of ~1250 random rows scores clearly above it,
  // so greedy decoding writes word pieces instead of ending at once or emitting stray bytes; under
  // sampling the end token and the bytes (and so broken UTF-8) stay possible.
  vocab.types.forEach((type, id) => {
    if (type !== TokenType.NORMAL) output.fill(0, id * n, (id + 1) * n);
  });
  const list: GgufTensorInput[] = [
    { name: 'token_embd.weight', dims: [n, v], data: uniform(seed, 'token_embd.weight', n * v) },
    { name: 'output_norm.weight', dims: [n], data: ones(n) },
    { name: 'output.weight', dims: [n, v], data: output },
  ];
  for (let i = 0; i < blocks; i++) {
    const b = (name: string, dims: number[], data?: Float32Array) =>
      list.push({
        name: `blk.${i}.${name}`,
        dims,
        data:
          data ??
          uniform(
            seed,
            `blk.${i}.${name}`,
            dims.reduce((x, y) => x * y, 1),
          ),
      });
    b('attn_norm.weight', [n], ones(n));
    b('attn_q.weight', [n, n]);
    b('attn_k.weight', [n, n]);
    b('attn_v.weight', [n, n]);
    b('attn_output.weight', [n, n]);
    b('ffn_norm.weight', [n], ones(n));
    b('ffn_gate.weight', [n, ff]);
    b('ffn_up.weight', [n, ff]);
    b('ffn_down.weight', [ff, n]);
  }
  return list;
}

/** The GGUF bytes of the tiny model for `seed` (default 0). */
export function tinyModel(options: TinyModelOptions = {}): Buffer {
  const seed = options.seed ?? 0;
  const vocab = buildVocab();
  const { embedding, blocks, feedForward, heads, contextLength } = TINY_SHAPE;
  return writeGguf({
    metadata: {
      'general.architecture': gguf.str('llama'),
      'general.name': gguf.str('gauntlet-tiny'),
      'general.alignment': gguf.u32(32),
      'llama.context_length': gguf.u32(contextLength),
      'llama.embedding_length': gguf.u32(embedding),
      'llama.block_count': gguf.u32(blocks),
      'llama.feed_forward_length': gguf.u32(feedForward),
      'llama.attention.head_count': gguf.u32(heads),
      'llama.attention.head_count_kv': gguf.u32(heads),
      'llama.rope.dimension_count': gguf.u32(embedding / heads),
      'llama.attention.layer_norm_rms_epsilon': gguf.f32(1e-5),
      'llama.vocab_size': gguf.u32(vocab.tokens.length),
      'tokenizer.ggml.model': gguf.str('llama'),
      'tokenizer.ggml.tokens': gguf.array(GgufValueType.STRING, vocab.tokens),
      'tokenizer.ggml.scores': gguf.array(GgufValueType.FLOAT32, vocab.scores),
      'tokenizer.ggml.token_type': gguf.array(GgufValueType.INT32, vocab.types),
      'tokenizer.ggml.bos_token_id': gguf.u32(vocab.bos),
      'tokenizer.ggml.eos_token_id': gguf.u32(vocab.imEnd),
      'tokenizer.ggml.unknown_token_id': gguf.u32(vocab.unk),
      'tokenizer.ggml.add_bos_token': gguf.bool(true),
      'tokenizer.ggml.add_eos_token': gguf.bool(false),
      'tokenizer.chat_template': gguf.str(TINY_CHAT_TEMPLATE),
    },
    tensors: tensors(seed, vocab),
  });
}

/** Parameters (weights) in the tiny model, for the CLI's summary. */
export function tinyParameterCount(vocabSize = buildVocab().tokens.length): number {
  const { embedding: n, feedForward: ff, blocks } = TINY_SHAPE;
  return 2 * n * vocabSize + n + blocks * (2 * n + 4 * n * n + 3 * n * ff);
}
