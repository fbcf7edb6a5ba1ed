/**
 * Serialises metadata and F32 tensors into a GGUF v3 file. Deterministic: keys and tensors are written
 * in insertion order and nothing depends on the clock or the machine, so the same input is the same bytes.
 */
import {
  alignUp,
  GGML_TYPE_F32,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VERSION,
  type GgufScalarType,
  type GgufValue,
  GgufValueType,
} from './format.js';

/** A tensor to write; `dims` lists ne0 first (the fastest-varying dimension), as ggml does. */
export interface GgufTensorInput {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

/** Everything a GGUF file holds. `general.alignment`, when present, must be a UINT32. */
export interface GgufInput {
  metadata: Readonly<Record<string, GgufValue>>;
  tensors: readonly GgufTensorInput[];
}

/** Typed metadata constructors, so `gguf.u32(64)` cannot end up written as a FLOAT32. */
export const gguf = {
  u32: (value: number): GgufValue => ({ type: GgufValueType.UINT32, value }),
  i32: (value: number): GgufValue => ({ type: GgufValueType.INT32, value }),
  u64: (value: bigint): GgufValue => ({ type: GgufValueType.UINT64, value }),
  f32: (value: number): GgufValue => ({ type: GgufValueType.FLOAT32, value }),
  bool: (value: boolean): GgufValue => ({ type: GgufValueType.BOOL, value }),
  str: (value: string): GgufValue => ({ type: GgufValueType.STRING, value }),
  array: (itemType: GgufScalarType, items: readonly (number | bigint | boolean | string)[]): GgufValue => ({
    type: GgufValueType.ARRAY,
    itemType,
    items,
  }),
};

/** Appends little-endian values to a list of chunks. */
class Bytes {
  readonly chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  fixed(width: number, write: (b: Buffer) => void): void {
    const b = Buffer.alloc(width);
    write(b);
    this.push(b);
  }
  u32(v: number): void {
    this.fixed(4, (b) => b.writeUInt32LE(v));
  }
  u64(v: number | bigint): void {
    this.fixed(8, (b) => b.writeBigUInt64LE(BigInt(v)));
  }
  string(s: string): void {
    const text = Buffer.from(s, 'utf8');
    this.u64(text.length);
    this.push(text);
  }
  pad(to: number): void {
    const target = alignUp(this.length, to);
    if (target > this.length) this.push(Buffer.alloc(target - this.length));
  }
}

function writeScalar(
  out: Bytes,
  type: GgufScalarType,
  value: number | bigint | boolean | string,
  key: string,
): void {
  const want = (kind: string) =>
    new TypeError(`GGUF key ${key}: a ${kind} value is needed, got ${typeof value}`);
  if (type === GgufValueType.STRING) {
    if (typeof value !== 'string') throw want('string');
    out.string(value);
    return;
  }
  if (type === GgufValueType.BOOL) {
    if (typeof value !== 'boolean') throw want('boolean');
    out.fixed(1, (b) => b.writeUInt8(value ? 1 : 0));
    return;
  }
  if (type === GgufValueType.UINT64 || type === GgufValueType.INT64) {
    if (typeof value !== 'bigint' && typeof value !== 'number') throw want('bigint');
    const big = BigInt(value);
    out.fixed(8, (b) => (type === GgufValueType.UINT64 ? b.writeBigUInt64LE(big) : b.writeBigInt64LE(big)));
    return;
  }
  if (typeof value !== 'number') throw want('number');
  switch (type) {
    case GgufValueType.UINT8:
      out.fixed(1, (b) => b.writeUInt8(value));
      return;
    case GgufValueType.INT8:
      out.fixed(1, (b) => b.writeInt8(value));
      return;
    case GgufValueType.UINT16:
      out.fixed(2, (b) => b.writeUInt16LE(value));
      return;
    case GgufValueType.INT16:
      out.fixed(2, (b) => b.writeInt16LE(value));
      return;
    case GgufValueType.UINT32:
      out.fixed(4, (b) => b.writeUInt32LE(value));
      return;
    case GgufValueType.INT32:
      out.fixed(4, (b) => b.writeInt32LE(value));
      return;
    case GgufValueType.FLOAT32:
      out.fixed(4, (b) => b.writeFloatLE(value));
      return;
    case GgufValueType.FLOAT64:
      out.fixed(8, (b) => b.writeDoubleLE(value));
      return;
  }
}

function alignmentOf(metadata: GgufInput['metadata']): number {
  const entry = metadata['general.alignment'];
  if (!entry) return GGUF_DEFAULT_ALIGNMENT;
  if (entry.type !== GgufValueType.UINT32 || typeof entry.value !== 'number' || entry.value <= 0) {
    throw new TypeError('general.alignment must be a positive UINT32');
  }
  return entry.value;
}

/** The GGUF v3 bytes of `input`. */
export function writeGguf(input: GgufInput): Buffer {
  const alignment = alignmentOf(input.metadata);
  const out = new Bytes();
  out.u32(GGUF_MAGIC);
  out.u32(GGUF_VERSION);
  out.u64(input.tensors.length);
  const entries = Object.entries(input.metadata);
  out.u64(entries.length);
  for (const [key, entry] of entries) {
    out.string(key);
    out.u32(entry.type);
    if (entry.type === GgufValueType.ARRAY) {
      out.u32(entry.itemType);
      out.u64(entry.items.length);
      for (const item of entry.items) writeScalar(out, entry.itemType, item, key);
    } else {
      writeScalar(out, entry.type, entry.value, key);
    }
  }
  let offset = 0;
  for (const t of input.tensors) {
    const elements = t.dims.reduce((a, b) => a * b, 1);
    if (elements !== t.data.length) {
      throw new TypeError(
        `tensor ${t.name}: dims ${t.dims.join('x')} hold ${elements} values, data has ${t.data.length}`,
      );
    }
    out.string(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offset = alignUp(offset + t.data.byteLength, alignment);
  }
  out.pad(alignment);
  for (const t of input.tensors) {
    const data = Buffer.alloc(t.data.byteLength);
    for (let i = 0; i < t.data.length; i++) data.writeFloatLE(t.data[i] as number, i * 4);
    out.push(data);
    out.pad(alignment);
  }
  return Buffer.concat(out.chunks, out.length);
}
