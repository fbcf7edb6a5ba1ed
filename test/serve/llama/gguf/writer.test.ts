import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GgufValueType } from '../../../../src/serve/llama/gguf/format.js';
import { inspectGguf } from '../../../../src/serve/llama/gguf/reader.js';
import { gguf, writeGguf } from '../../../../src/serve/llama/gguf/writer.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-gguf-'));

function save(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('writeGguf', () => {
  const input = {
    metadata: {
      'general.architecture': gguf.str('llama'),
      'general.alignment': gguf.u32(64),
      'test.u8': { type: GgufValueType.UINT8, value: 250 },
      'test.i8': { type: GgufValueType.INT8, value: -5 },
      'test.u16': { type: GgufValueType.UINT16, value: 65000 },
      'test.i16': { type: GgufValueType.INT16, value: -30000 },
      'test.i32': gguf.i32(-123456),
      'test.f32': gguf.f32(0.5),
      'test.f64': { type: GgufValueType.FLOAT64, value: 1 / 3 },
      'test.bool': gguf.bool(false),
      'test.u64': gguf.u64(2n ** 40n),
      'test.i64': { type: GgufValueType.INT64, value: -(2n ** 62n) },
      'test.unicode': gguf.str('\u2581héllo 世界'),
      'test.short': gguf.array(GgufValueType.STRING, ['a', '', '\u2581b']),
      'test.long': gguf.array(
        GgufValueType.INT32,
        Array.from({ length: 100 }, (_, i) => i),
      ),
      'test.longstrings': gguf.array(
        GgufValueType.STRING,
        Array.from({ length: 40 }, (_, i) => `t${i}`),
      ),
      'test.empty': gguf.array(GgufValueType.FLOAT32, []),
    },
    tensors: [
      { name: 'a', dims: [3], data: new Float32Array([1, 2, 3]) },
      { name: 'b.weight', dims: [4, 5], data: new Float32Array(20).fill(0.25) },
      { name: 'c', dims: [2, 1, 3], data: new Float32Array(6) },
    ],
  };

  it('round-trips every metadata key and tensor description through the reader', async () => {
    const bytes = writeGguf(input);
    const info = await inspectGguf(save('roundtrip.gguf', bytes));
    expect(info.version).toBe(3);
    expect(info.alignment).toBe(64);
    expect(info.fileSize).toBe(bytes.length);
    expect(Object.keys(info.metadata)).toEqual(Object.keys(input.metadata));
    expect(info.metadata).toEqual({
      'general.architecture': 'llama',
      'general.alignment': 64,
      'test.u8': 250,
      'test.i8': -5,
      'test.u16': 65000,
      'test.i16': -30000,
      'test.i32': -123456,
      'test.f32': 0.5,
      'test.f64': 1 / 3,
      'test.bool': false,
      'test.u64': 2 ** 40,
      'test.i64': String(-(2n ** 62n)),
      'test.unicode': '\u2581héllo 世界',
      'test.short': { type: 'array', itemType: 'STRING', length: 3, items: ['a', '', '\u2581b'] },
      'test.long': { type: 'array', itemType: 'INT32', length: 100 },
      'test.longstrings': { type: 'array', itemType: 'STRING', length: 40 },
      'test.empty': { type: 'array', itemType: 'FLOAT32', length: 0, items: [] },
    });
    expect(info.tensors).toEqual([
      { name: 'a', dims: [3], type: 0, typeName: 'F32', offset: 0, bytes: 12 },
      { name: 'b.weight', dims: [4, 5], type: 0, typeName: 'F32', offset: 64, bytes: 80 },
      { name: 'c', dims: [2, 1, 3], type: 0, typeName: 'F32', offset: 192, bytes: 24 },
    ]);
    expect(info.dataOffset % 64).toBe(0);
    // The data is where the offsets say, little-endian F32.
    expect(bytes.readFloatLE(info.dataOffset + 8)).toBe(3);
    expect(bytes.readFloatLE(info.dataOffset + 64)).toBe(0.25);
    expect(bytes.length).toBe(info.dataOffset + 192 + 64);
  });

  it('is deterministic and starts with the GGUF v3 header', () => {
    const a = writeGguf(input);
    expect(writeGguf(input).equals(a)).toBe(true);
    expect(a.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(a.readUInt32LE(4)).toBe(3);
    expect(a.readBigUInt64LE(8)).toBe(3n);
    expect(a.readBigUInt64LE(16)).toBe(BigInt(Object.keys(input.metadata).length));
  });

  it('refuses data that does not match the shape or the declared type', () => {
    expect(() =>
      writeGguf({ metadata: {}, tensors: [{ name: 'x', dims: [2, 2], data: new Float32Array(3) }] }),
    ).toThrow(/dims 2x2 hold 4 values, data has 3/);
    expect(() =>
      writeGguf({ metadata: { k: { type: GgufValueType.UINT32, value: 'no' } }, tensors: [] }),
    ).toThrow(/GGUF key k: a number value is needed/);
  });

  it('uses the default alignment of 32 when general.alignment is absent', async () => {
    const info = await inspectGguf(
      save(
        'default-align.gguf',
        writeGguf({
          metadata: {},
          tensors: [
            { name: 'x', dims: [1], data: new Float32Array(1) },
            { name: 'y', dims: [1], data: new Float32Array(1) },
          ],
        }),
      ),
    );
    expect(info.alignment).toBe(32);
    expect(info.tensors.map((t) => t.offset)).toEqual([0, 32]);
    expect(info.dataOffset % 32).toBe(0);
  });
});
