import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GgufError } from '../../../../src/serve/llama/gguf/errors.js';
import { inspectGguf } from '../../../../src/serve/llama/gguf/reader.js';
import { tinyModel } from '../../../../src/serve/llama/gguf/tiny.js';
import { gguf, writeGguf } from '../../../../src/serve/llama/gguf/writer.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-gguf-bad-'));
const tiny = tinyModel();

function save(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The GgufError that reading `file` gives. */
async function failure(file: string): Promise<GgufError> {
  try {
    await inspectGguf(file);
  } catch (err) {
    expect(err).toBeInstanceOf(GgufError);
    const e = err as GgufError;
    expect(e.code).toBe('E_GGUF');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(file);
    return e;
  }
  throw new Error(`${file} was read without error`);
}

const small = () =>
  writeGguf({
    metadata: { 'general.name': gguf.str('small') },
    tensors: [{ name: 'x', dims: [4], data: new Float32Array(4) }],
  });

describe('inspectGguf on files that are not there or not files', () => {
  it('names a missing file and how to make a test model', async () => {
    const file = path.join(dir, 'nope.gguf');
    const e = await failure(file);
    expect(e.message).toMatch(/^no model file at .*nope\.gguf/);
    expect(e.message).toContain(`gauntlet model tiny --out ${file}`);
  });

  it('says a directory is a directory', async () => {
    const sub = path.join(dir, 'models');
    mkdirSync(sub);
    expect((await failure(sub)).message).toMatch(/is a directory, not a model file/);
  });

  it('says an empty file is empty', async () => {
    expect((await failure(save('empty.gguf', ''))).message).toMatch(/is empty \(0 bytes\)/);
  });
});

describe('inspectGguf on files in another format', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    [
      'elf.gguf',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      /starts with bytes 7f 45 4c 46 02 01 01 00 \("\\x7fELF\\x02\\x01\\x01\\x00"\).*ELF executable/,
    ],
    ['config.gguf', '{"architectures": ["LlamaForCausalLM"]}', /starts with bytes 7b 22 61 72.*JSON text/],
    [
      'model.safetensors',
      Buffer.concat([Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{"__metadata__":{}}')]),
      /safetensors file/,
    ],
    ['pytorch.bin', Buffer.from('PK\x03\x04\x00\x00', 'latin1'), /zip archive; PyTorch/],
    [
      'page.gguf',
      '<!DOCTYPE html><html>Sign in</html>',
      /HTML page: the download probably saved an error or login page/,
    ],
    ['lfs.gguf', 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\n', /Git LFS pointer/],
    ['old.bin', Buffer.from('tjgg\x03\x00\x00\x00', 'latin1'), /pre-GGUF GGML file/],
    ['random.gguf', Buffer.from([1, 2, 3, 4, 5]), /starts with bytes 01 02 03 04 05/],
  ];
  for (const [name, bytes, message] of cases) {
    it(`explains ${name}`, async () => {
      const e = await failure(save(name, bytes));
      expect(e.message).toContain('is not a GGUF file');
      expect(e.message).toContain('a GGUF file starts with "GGUF"');
      expect(e.message).toContain('convert_hf_to_gguf.py');
      expect(e.message).toMatch(message);
    });
  }
});

describe('inspectGguf on GGUF versions', () => {
  const withVersion = (version: number) => {
    const b = Buffer.from(tiny);
    b.writeUInt32LE(version, 4);
    return b;
  };

  it('refuses version 1, which llama.cpp no longer loads', async () => {
    expect((await failure(save('v1.gguf', withVersion(1)))).message).toMatch(
      /is GGUF version 1, which llama\.cpp no longer loads/,
    );
  });

  it('reads version 2, which has the v3 layout and which llama.cpp still loads', async () => {
    const info = await inspectGguf(save('v2.gguf', withVersion(2)));
    expect(info.version).toBe(2);
    expect(info.tensors).toHaveLength(21);
  });

  it('refuses a newer version and a big-endian file', async () => {
    expect((await failure(save('v4.gguf', withVersion(4)))).message).toMatch(
      /is GGUF version 4; Gauntlet reads versions 2 and 3.*update Gauntlet/,
    );
    expect((await failure(save('be.gguf', withVersion(0x03000000)))).message).toMatch(/big-endian GGUF/);
  });
});

describe('inspectGguf on truncated files', () => {
  it('gives each cut point its own message', async () => {
    const whole = await inspectGguf(save('whole.gguf', tiny));
    const tokensAt = tiny.indexOf(Buffer.from('tokenizer.ggml.tokens'));
    const infoAt = tiny.indexOf(Buffer.from('blk.0.attn_q.weight'));
    const cuts: [number, RegExp][] = [
      [2, /truncated: the header needs bytes 0-4 but the file ends at 2;/],
      [12, /truncated: the header \(tensor count\) needs bytes 8-16 but the file ends at 12;/],
      [
        tokensAt + 500,
        /truncated: metadata entry \d+ of 22 \(tokenizer\.ggml\.tokens\) needs bytes [\d,]+-[\d,]+ \(at least, for 1,516 STRING items\) but the file ends at [\d,]+;/,
      ],
      [
        infoAt + 'blk.0.attn_q.weight'.length + 6,
        /truncated: tensor description \d+ of 21 \(blk\.0\.attn_q\.weight\) needs bytes/,
      ],
      [
        whole.dataOffset + 1000,
        /truncated: the tensor token_embd\.weight needs bytes [\d,]+-[\d,]+ but the file ends at/,
      ],
      [
        600_000,
        /truncated: the tensor output\.weight needs bytes [\d,]+-[\d,]+ but the file ends at 600,000; was the download interrupted\?/,
      ],
      [tiny.length - 4, /truncated: the tensor blk\.1\.ffn_down\.weight needs bytes/],
    ];
    for (const [cut, message] of cuts) {
      const e = await failure(save(`cut-${cut}.gguf`, tiny.subarray(0, cut)));
      expect(e.message, `cut at ${cut}`).toMatch(message);
    }
  });
});

describe('inspectGguf on corrupt counts and fields', () => {
  it('calls a string longer than the file corrupt, not truncated', async () => {
    const b = small();
    b.writeBigUInt64LE(2n ** 50n, 24); // the first key's length
    expect((await failure(save('hugekey.gguf', b))).message).toMatch(
      /is corrupt: metadata entry 1 of 1 \(at byte 32\) says it holds [\d,]+ bytes of a metadata key, more than the whole [\d,]+-byte file could/,
    );
  });

  it('calls an absurd tensor count or array length corrupt', async () => {
    const b = small();
    b.writeBigUInt64LE(2n ** 40n, 8);
    expect((await failure(save('hugecount.gguf', b))).message).toMatch(
      /header \(tensor count\).*says it holds [\d,]+ tensors/,
    );
    const t = Buffer.from(tiny);
    const at = t.indexOf(Buffer.from('tokenizer.ggml.scores')) + 'tokenizer.ggml.scores'.length + 8;
    t.writeBigUInt64LE(2n ** 40n, at);
    expect((await failure(save('hugearray.gguf', t))).message).toMatch(
      /tokenizer\.ggml\.scores\).*says it holds [\d,]+ FLOAT32 items/,
    );
  });

  it('calls an unknown value type corrupt', async () => {
    const b = small();
    b.writeUInt32LE(77, 24 + 8 + 'general.name'.length);
    expect((await failure(save('badtype.gguf', b))).message).toMatch(
      /metadata entry 1 of 1 \(general\.name\).*unknown value type 77/,
    );
  });

  it('skips the size check for tensor types it does not know instead of rejecting the file', async () => {
    const b = small();
    const typeAt = b.indexOf(Buffer.from('x', 'latin1'), 40) + 1 + 4 + 8;
    b.writeUInt32LE(200, typeAt);
    const info = await inspectGguf(save('newtype.gguf', b.subarray(0, b.length - 32)));
    expect(info.tensors[0]).toMatchObject({ name: 'x', type: 200, typeName: 'type 200', bytes: undefined });
  });

  it('checks quantized sizes from the ggml block table', async () => {
    const b = writeGguf({
      metadata: {},
      tensors: [{ name: 'q', dims: [64, 2], data: new Float32Array(128) }],
    });
    const typeAt = 24 + 8 + 1 + 4 + 16;
    b.writeUInt32LE(12, typeAt); // Q4_K: 256 values per 144-byte block, so 128 values take one block
    const info = await inspectGguf(save('q4k.gguf', b));
    expect(info.tensors[0]).toMatchObject({ typeName: 'Q4_K', bytes: 144 });
    b.writeUInt32LE(8, typeAt); // Q8_0: 4 blocks of 34 bytes
    expect((await inspectGguf(save('q8.gguf', b))).tensors[0]).toMatchObject({
      typeName: 'Q8_0',
      bytes: 136,
    });
  });

  it('refuses a misaligned tensor offset', async () => {
    const b = small();
    const offsetAt = 24 + 8 + 'general.name'.length + 4 + 8 + 'small'.length + 8 + 1 + 4 + 8 + 4;
    b.writeBigUInt64LE(3n, offsetAt);
    expect((await failure(save('misaligned.gguf', b))).message).toMatch(
      /tensor description 1 of 1 \(x\).*offset 3, not a multiple of the alignment 32/,
    );
  });
});
