/**
 * A map from 64-bit hashes to 32-bit values in three typed arrays (open addressing, linear probing).
 * A JavaScript Set or Map of hashes costs ~40 bytes an entry and stops at 2^24 entries; this costs 12
 * bytes a slot at a load of at most 3/4, so ten million distinct lines fit in ~200 MB instead of a crash.
 */

const MAX_LOAD_NUM = 3;
const MAX_LOAD_DEN = 4;

/** 64-bit keys ([hi, lo] from hash64) to unsigned 32-bit values. */
export class Hash64Table {
  private his: Uint32Array;
  private los: Uint32Array;
  private values: Uint32Array;
  private mask: number;
  /** Keys stored. */
  size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.values = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value stored for the key, or -1. */
  get(hi: number, lo: number): number {
    const [h, l] = key(hi, lo);
    for (let i = slot(h, l, this.mask); ; i = (i + 1) & this.mask) {
      const sh = this.his[i] as number;
      const sl = this.los[i] as number;
      if (sh === 0 && sl === 0) return -1;
      if (sh === h && sl === l) return this.values[i] as number;
    }
  }

  /** Stores (or replaces) the value for the key. */
  set(hi: number, lo: number, value: number): void {
    if ((this.size + 1) * MAX_LOAD_DEN > this.his.length * MAX_LOAD_NUM) this.grow();
    this.put(...key(hi, lo), value);
  }

  /** Bytes held by the arrays, for memory reports. */
  get bytes(): number {
    return this.his.byteLength * 3;
  }

  private put(h: number, l: number, value: number): void {
    for (let i = slot(h, l, this.mask); ; i = (i + 1) & this.mask) {
      const sh = this.his[i] as number;
      const sl = this.los[i] as number;
      if (sh === 0 && sl === 0) {
        this.his[i] = h;
        this.los[i] = l;
        this.values[i] = value;
        this.size++;
        return;
      }
      if (sh === h && sl === l) {
        this.values[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { his, los, values } = this;
    const capacity = his.length * 2;
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.values = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < his.length; i++) {
      const h = his[i] as number;
      const l = los[i] as number;
      if (h !== 0 || l !== 0) this.put(h, l, values[i] as number);
    }
  }
}

// (0, 0) marks an empty slot, so that key is stored as (0, 1): a 2^-64 chance of merging two keys.
function key(hi: number, lo: number): [number, number] {
  return hi === 0 && lo === 0 ? [0, 1] : [hi >>> 0, lo >>> 0];
}

// Keys are hashes already; mixing hi in keeps keys that share lo (LSH bands use hi for the band) apart.
function slot(hi: number, lo: number, mask: number): number {
  return (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
}
