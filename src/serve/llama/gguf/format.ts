/**
 * GGUF v3, the file format llama.cpp loads (ggml docs/gguf.md): a header, typed key-value metadata,
 * tensor descriptions, then the aligned tensor data. Little-endian throughout.
 */

/** "GGUF" read as a little-endian u32. */
export const GGUF_MAGIC = 0x46554747;
export const GGUF_MAGIC_TEXT = 'GGUF';
/** The only version this code writes and the only one current llama.cpp reads. */
export const GGUF_VERSION = 3;
/** Alignment of the data section and of every tensor in it unless `general.alignment` says otherwise. */
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** Metadata value types (gguf_metadata_value_type). */
export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufValueType = (typeof GgufValueType)[keyof typeof GgufValueType];

/** A scalar value type (anything but ARRAY). */
export type GgufScalarType = Exclude<GgufValueType, typeof GgufValueType.ARRAY>;

/** Name of a value type, for messages; undefined for codes that are not in the spec. */
export function valueTypeName(type: number): string | undefined {
  return Object.entries(GgufValueType).find(([, code]) => code === type)?.[0];
}

/** Byte width of fixed-size scalar types (STRING and ARRAY are variable). */
export const SCALAR_WIDTH: Readonly<Record<number, number>> = {
  [GgufValueType.UINT8]: 1,
  [GgufValueType.INT8]: 1,
  [GgufValueType.UINT16]: 2,
  [GgufValueType.INT16]: 2,
  [GgufValueType.UINT32]: 4,
  [GgufValueType.INT32]: 4,
  [GgufValueType.FLOAT32]: 4,
  [GgufValueType.BOOL]: 1,
  [GgufValueType.UINT64]: 8,
  [GgufValueType.INT64]: 8,
  [GgufValueType.FLOAT64]: 8,
};

/** A metadata value as written: the type is explicit so a number is never guessed into the wrong width. */
export type GgufValue =
  | { type: GgufScalarType; value: number | bigint | boolean | string }
  | {
      type: typeof GgufValueType.ARRAY;
      itemType: GgufScalarType;
      items: readonly (number | bigint | boolean | string)[];
    };

/** Tensor storage types (ggml_type) with their block size in elements and bytes per block. */
export const GGML_TYPES: Readonly<Record<number, { name: string; blockSize: number; blockBytes: number }>> = {
  0: { name: 'F32', blockSize: 1, blockBytes: 4 },
  1: { name: 'F16', blockSize: 1, blockBytes: 2 },
  2: { name: 'Q4_0', blockSize: 32, blockBytes: 18 },
  3: { name: 'Q4_1', blockSize: 32, blockBytes: 20 },
  6: { name: 'Q5_0', blockSize: 32, blockBytes: 22 },
  7: { name: 'Q5_1', blockSize: 32, blockBytes: 24 },
  8: { name: 'Q8_0', blockSize: 32, blockBytes: 34 },
  9: { name: 'Q8_1', blockSize: 32, blockBytes: 36 },
  10: { name: 'Q2_K', blockSize: 256, blockBytes: 84 },
  11: { name: 'Q3_K', blockSize: 256, blockBytes: 110 },
  12: { name: 'Q4_K', blockSize: 256, blockBytes: 144 },
  13: { name: 'Q5_K', blockSize: 256, blockBytes: 176 },
  14: { name: 'Q6_K', blockSize: 256, blockBytes: 210 },
  15: { name: 'Q8_K', blockSize: 256, blockBytes: 292 },
  16: { name: 'IQ2_XXS', blockSize: 256, blockBytes: 66 },
  17: { name: 'IQ2_XS', blockSize: 256, blockBytes: 74 },
  18: { name: 'IQ3_XXS', blockSize: 256, blockBytes: 98 },
  19: { name: 'IQ1_S', blockSize: 256, blockBytes: 50 },
  20: { name: 'IQ4_NL', blockSize: 32, blockBytes: 18 },
  21: { name: 'IQ3_S', blockSize: 256, blockBytes: 110 },
  22: { name: 'IQ2_S', blockSize: 256, blockBytes: 82 },
  23: { name: 'IQ4_XS', blockSize: 256, blockBytes: 136 },
  24: { name: 'I8', blockSize: 1, blockBytes: 1 },
  25: { name: 'I16', blockSize: 1, blockBytes: 2 },
  26: { name: 'I32', blockSize: 1, blockBytes: 4 },
  27: { name: 'I64', blockSize: 1, blockBytes: 8 },
  28: { name: 'F64', blockSize: 1, blockBytes: 8 },
  29: { name: 'IQ1_M', blockSize: 256, blockBytes: 56 },
  30: { name: 'BF16', blockSize: 1, blockBytes: 2 },
  34: { name: 'TQ1_0', blockSize: 256, blockBytes: 54 },
  35: { name: 'TQ2_0', blockSize: 256, blockBytes: 66 },
  39: { name: 'MXFP4', blockSize: 32, blockBytes: 17 },
};

export const GGML_TYPE_F32 = 0;

/** Name of a tensor type, or `type N` for one this table does not know. */
export function tensorTypeName(type: number): string {
  return GGML_TYPES[type]?.name ?? `type ${type}`;
}

/**
 * Bytes a tensor of `type` with `elements` elements occupies, or undefined when the type is unknown
 * (newer ggml may add types: the caller skips the size check rather than reject the file).
 */
export function tensorByteSize(type: number, elements: bigint): bigint | undefined {
  const t = GGML_TYPES[type];
  if (!t) return undefined;
  const size = BigInt(t.blockSize);
  return ((elements + size - 1n) / size) * BigInt(t.blockBytes);
}

/** Rounds `offset` up to a multiple of `alignment`. */
export function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}
