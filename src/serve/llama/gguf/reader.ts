/**
 * Reads what a GGUF file says about itself (header, metadata, tensor descriptions) without loading
 * its weights, checking every read against the file's size. It runs before the native loader so that a
 * missing, truncated or foreign file is a clear message, never a crash inside llama.cpp.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { GgufError } from './errors.js';
import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC_TEXT,
  GGUF_VERSION,
  GgufValueType,
  SCALAR_WIDTH,
  tensorByteSize,
  tensorTypeName,
  valueTypeName,
} from './format.js';
import { hexBytes, quotedBytes, sniffFormat } from './sniff.js';

/** A metadata value as reported: scalars as they are, arrays summarised unless short. */
export type GgufMetaValue =
  | string
  | number
  | boolean
  | { type: 'array'; itemType: string; length: number; items?: (string | number | boolean)[] };

/** One tensor's description; `offset` is relative to the data section, `bytes` undefined for unknown types. */
export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
  typeName: string;
  offset: number;
  bytes: number | undefined;
}

/** What `inspectGguf` found. */
export interface GgufInfo {
  path: string;
  version: number;
  metadata: Record<string, GgufMetaValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
  dataOffset: number;
  fileSize: number;
}

/** Arrays up to this long are reported whole (e.g. a list of stop words); longer ones by type and length. */
const SHORT_ARRAY = 16;
/** ggml's GGML_MAX_DIMS and GGML_MAX_NAME: llama.cpp refuses tensors beyond them. */
const MAX_DIMS = 4;
const MAX_NAME = 64;
const CHUNK = 1 << 20;
const ABSURD_BYTES = 2n ** 40n;

const fmt = (n: number | bigint) => n.toLocaleString('en-US');
const INTERRUPTED = 'was the download interrupted? Download it again (and compare its checksum)';

/** A read position over a file descriptor that refuses to read past the end and says what it was reading. */
class Cursor {
  pos = 0;
  where = 'the header';
  private win = Buffer.alloc(0);
  private winStart = 0;
  constructor(
    private readonly fd: number,
    readonly size: number,
    private readonly path: string,
  ) {}

  truncated(from: number, to: number | bigint, qualifier = ''): GgufError {
    return new GgufError(
      this.path,
      `${this.path} is truncated: ${this.where} needs bytes ${fmt(from)}-${fmt(to)}${qualifier ? ` (${qualifier})` : ''} but the file ends at ${fmt(this.size)}; ${INTERRUPTED}.`,
    );
  }

  corrupt(what: string): GgufError {
    return new GgufError(
      this.path,
      `${this.path} is corrupt: ${this.where} (at byte ${fmt(this.pos)}) ${what}. The file is not a valid GGUF; download or convert it again.`,
    );
  }

  take(n: number): Buffer {
    if (this.pos + n > this.size) throw this.truncated(this.pos, this.pos + n);
    const at = this.pos - this.winStart;
    if (at < 0 || at + n > this.win.length) {
      const length = Math.min(Math.max(n, CHUNK), this.size - this.pos);
      const win = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const r = readSync(this.fd, win, got, length - got, this.pos + got);
        if (r === 0) throw this.truncated(this.pos, this.pos + n);
        got += r;
      }
      this.win = win;
      this.winStart = this.pos;
    }
    const start = this.pos - this.winStart;
    this.pos += n;
    return this.win.subarray(start, start + n);
  }

  skip(n: number): void {
    if (this.pos + n > this.size) throw this.truncated(this.pos, this.pos + n);
    this.pos += n;
  }

  u32(): number {
    return this.take(4).readUInt32LE(0);
  }

  u64(): bigint {
    return this.take(8).readBigUInt64LE(0);
  }

  /** A count or length that must fit in what is left of the file (at `unit` bytes per item at least). */
  count(what: string, unit: number): number {
    const n = this.u64();
    const need = n * BigInt(unit);
    if (need > BigInt(this.size - this.pos)) {
      // Past a terabyte no real model goes: the number itself is garbage. Below, the file was cut short.
      if (need > ABSURD_BYTES) {
        throw this.corrupt(
          `says it holds ${fmt(n)} ${what}, more than the whole ${fmt(this.size)}-byte file could`,
        );
      }
      throw this.truncated(
        this.pos,
        BigInt(this.pos) + need,
        `${unit > 1 ? 'at least, for ' : ''}${fmt(n)} ${what}`,
      );
    }
    return Number(n);
  }

  string(what: string): string {
    const n = this.count(`bytes of ${what}`, 1);
    return this.take(n).toString('utf8');
  }

  skipString(what: string): void {
    this.skip(this.count(`bytes of ${what}`, 1));
  }
}

function readScalar(c: Cursor, type: number): string | number | boolean | bigint {
  switch (type) {
    case GgufValueType.UINT8:
      return c.take(1).readUInt8(0);
    case GgufValueType.INT8:
      return c.take(1).readInt8(0);
    case GgufValueType.UINT16:
      return c.take(2).readUInt16LE(0);
    case GgufValueType.INT16:
      return c.take(2).readInt16LE(0);
    case GgufValueType.UINT32:
      return c.take(4).readUInt32LE(0);
    case GgufValueType.INT32:
      return c.take(4).readInt32LE(0);
    case GgufValueType.FLOAT32:
      return c.take(4).readFloatLE(0);
    case GgufValueType.BOOL:
      return c.take(1).readUInt8(0) !== 0;
    case GgufValueType.STRING:
      return c.string('a string value');
    case GgufValueType.UINT64:
      return c.take(8).readBigUInt64LE(0);
    case GgufValueType.INT64:
      return c.take(8).readBigInt64LE(0);
    case GgufValueType.FLOAT64:
      return c.take(8).readDoubleLE(0);
    default:
      throw c.corrupt(`has unknown value type ${type}`);
  }
}

/** 64-bit integers become numbers when exact, strings otherwise, so the result is plain JSON. */
const plain = (v: string | number | boolean | bigint) =>
  typeof v === 'bigint'
    ? v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : String(v)
    : v;

function readValue(c: Cursor, type: number): GgufMetaValue {
  if (type !== GgufValueType.ARRAY) return plain(readScalar(c, type));
  const itemType = c.u32();
  const itemName = valueTypeName(itemType);
  if (itemName === undefined || itemType === GgufValueType.ARRAY) {
    throw c.corrupt(`is an array of unknown value type ${itemType}`);
  }
  const width = SCALAR_WIDTH[itemType] ?? 8;
  const length = c.count(`${itemName} items`, width);
  if (length > SHORT_ARRAY) {
    if (itemType === GgufValueType.STRING) for (let i = 0; i < length; i++) c.skipString(`array item ${i}`);
    else c.skip(length * width);
    return { type: 'array', itemType: itemName, length };
  }
  const items: (string | number | boolean)[] = [];
  for (let i = 0; i < length; i++) items.push(plain(readScalar(c, itemType)));
  return { type: 'array', itemType: itemName, length, items };
}

function openFile(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    if (statSync(path).isDirectory()) {
      throw new GgufError(
        path,
        `${path} is a directory, not a model file: give the path of the .gguf file inside it.`,
      );
    }
    fd = openSync(path, 'r');
  } catch (err) {
    if (err instanceof GgufError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new GgufError(
        path,
        `no model file at ${path}: check the path (it is resolved from the current directory). \`gauntlet model tiny --out ${path}\` writes a small test model.`,
        { cause: err },
      );
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new GgufError(path, `cannot read the model file ${path}: permission denied.`, { cause: err });
    }
    throw new GgufError(path, `cannot read the model file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return { fd, size: fstatSync(fd).size };
}

function readHeader(c: Cursor, path: string): { version: number; tensorCount: number; kvCount: number } {
  if (c.size === 0) {
    throw new GgufError(
      path,
      `${path} is empty (0 bytes): ${INTERRUPTED}, or write a test model with \`gauntlet model tiny --out ${path}\`.`,
    );
  }
  const head = c.take(Math.min(c.size, 64));
  c.pos = 0;
  const magic = Buffer.from(GGUF_MAGIC_TEXT, 'latin1');
  const prefix = head.subarray(0, 4);
  if (!magic.subarray(0, prefix.length).equals(prefix)) {
    const first = head.subarray(0, Math.min(head.length, 8));
    const hint = sniffFormat(head);
    throw new GgufError(
      path,
      `${path} is not a GGUF file: it starts with bytes ${hexBytes(first)} (${quotedBytes(first)}), a GGUF file starts with "GGUF".${hint ? ` ${hint}` : ''} Convert safetensors/PyTorch weights with llama.cpp's convert_hf_to_gguf.py.`,
    );
  }
  c.skip(4);
  const version = c.u32();
  if (version === GGUF_VERSION || version === 2) {
    // v2 has v3's layout (v3 only added big-endian files), and llama.cpp still loads it.
  } else if (version === 1) {
    throw new GgufError(
      path,
      `${path} is GGUF version 1, which llama.cpp no longer loads: convert the model again with a current llama.cpp (convert_hf_to_gguf.py).`,
    );
  } else if ((version & 0xffff) === 0 && version !== 0) {
    throw new GgufError(
      path,
      `${path} is a big-endian GGUF file (version reads as ${fmt(version)}); this machine needs the little-endian one.`,
    );
  } else {
    throw new GgufError(
      path,
      `${path} is GGUF version ${fmt(version)}; Gauntlet reads versions 2 and 3. ${version > GGUF_VERSION ? 'It may be newer than this build knows; update Gauntlet.' : 'The file is likely corrupt.'}`,
    );
  }
  // A metadata entry takes at least 13 bytes and a tensor description at least 24.
  c.where = 'the header (tensor count)';
  const tensorCount = c.count('tensors', 24);
  c.where = 'the header (metadata count)';
  const kvCount = c.count('metadata entries', 13);
  return { version, tensorCount, kvCount };
}

function alignmentOf(c: Cursor, metadata: Record<string, GgufMetaValue>): number {
  const value = metadata['general.alignment'];
  if (value === undefined) return GGUF_DEFAULT_ALIGNMENT;
  if (typeof value !== 'number' || value <= 0 || !Number.isInteger(value) || (value & (value - 1)) !== 0) {
    c.where = 'general.alignment';
    throw c.corrupt(`is ${JSON.stringify(value)}, not a power of two`);
  }
  return value;
}

function readTensorInfo(c: Cursor, index: number, count: number, alignment: number): GgufTensorInfo {
  c.where = `tensor description ${index + 1} of ${count}`;
  const name = c.string('a tensor name');
  c.where = `tensor description ${index + 1} of ${count} (${name})`;
  if (Buffer.byteLength(name) >= MAX_NAME)
    throw c.corrupt(`has a name of ${Buffer.byteLength(name)} bytes; llama.cpp allows ${MAX_NAME - 1}`);
  const nDims = c.u32();
  if (nDims > MAX_DIMS) throw c.corrupt(`has ${fmt(nDims)} dimensions; ggml allows at most ${MAX_DIMS}`);
  const dims: number[] = [];
  let elements = 1n;
  for (let d = 0; d < nDims; d++) {
    const dim = c.u64();
    elements *= dim;
    if (dim === 0n || elements > BigInt(Number.MAX_SAFE_INTEGER))
      throw c.corrupt(`has an impossible shape (dimension ${d} is ${fmt(dim)})`);
    dims.push(Number(dim));
  }
  const type = c.u32();
  const offset = c.u64();
  if (offset % BigInt(alignment) !== 0n)
    throw c.corrupt(`has data offset ${fmt(offset)}, not a multiple of the alignment ${alignment}`);
  if (offset > ABSURD_BYTES)
    throw c.corrupt(`says its data starts at offset ${fmt(offset)}, past any real model's size`);
  const bytes = tensorByteSize(type, elements);
  return {
    name,
    dims,
    type,
    typeName: tensorTypeName(type),
    offset: Number(offset),
    bytes: bytes === undefined ? undefined : Number(bytes),
  };
}

/** Reads and checks the header, metadata and tensor descriptions of the GGUF file at `path`. */
export async function inspectGguf(path: string): Promise<GgufInfo> {
  return inspectGgufSync(path);
}

/** `inspectGguf` without the promise, for callers that are synchronous anyway. */
export function inspectGgufSync(path: string): GgufInfo {
  const { fd, size } = openFile(path);
  try {
    const c = new Cursor(fd, size, path);
    const { version, tensorCount, kvCount } = readHeader(c, path);
    const metadata: Record<string, GgufMetaValue> = {};
    for (let i = 0; i < kvCount; i++) {
      c.where = `metadata entry ${i + 1} of ${kvCount}`;
      const key = c.string('a metadata key');
      c.where = `metadata entry ${i + 1} of ${kvCount} (${key})`;
      if (Object.hasOwn(metadata, key)) throw c.corrupt('repeats a key that was already set');
      const type = c.u32();
      if (valueTypeName(type) === undefined) throw c.corrupt(`has unknown value type ${type}`);
      metadata[key] = readValue(c, type);
    }
    const alignment = alignmentOf(c, metadata);
    const tensors: GgufTensorInfo[] = [];
    const names = new Set<string>();
    for (let i = 0; i < tensorCount; i++) {
      const info = readTensorInfo(c, i, tensorCount, alignment);
      if (names.has(info.name)) throw c.corrupt('repeats a tensor name');
      names.add(info.name);
      tensors.push(info);
    }
    const dataOffset = Math.ceil(c.pos / alignment) * alignment;
    for (const t of tensors) {
      // A type this table does not know has an unknown size: only check that its data starts in the file.
      const start = dataOffset + t.offset;
      const end = start + (t.bytes ?? 0);
      if (end > size) {
        throw new GgufError(
          path,
          `${path} is truncated: the tensor ${t.name} needs bytes ${fmt(start)}-${fmt(end)} but the file ends at ${fmt(size)}; ${INTERRUPTED}.`,
        );
      }
    }
    return { path, version, metadata, tensors, alignment, dataOffset, fileSize: size };
  } finally {
    closeSync(fd);
  }
}
