/** A growable Uint32Array: millions of numbers at 4 bytes each, where a number[] costs 8 or more. */
export class U32Vec {
  data: Uint32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Uint32Array(Math.max(16, initialCapacity));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Appends every value of `values`. */
  append(values: ArrayLike<number>): void {
    this.reserve(this.length + values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }

  /** A view of [start, end) that stays valid until the next append. */
  view(start: number, end: number): Uint32Array {
    return this.data.subarray(start, end);
  }

  private reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    let next = this.data.length * 2;
    while (next < capacity) next *= 2;
    const grown = new Uint32Array(next);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}
