/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands of `rows`
 * values, and two texts become a candidate pair when any whole band agrees. A pair of similarity s is
 * found with probability 1 - (1 - s^rows)^bands, an S-curve whose steep part sits near the threshold.
 */
import { fmix32 } from './hash.js';
import { Hash64Table } from './hash-table.js';
import { U32Vec } from './u32-vec.js';

/**
 * The (bands, rows), bands × rows ≤ numPerm, that finds a pair at exactly `threshold` with probability
 * ≥ `minRecall` while making the fewest false candidates (the area under the S-curve below the
 * threshold). datasketch weighs misses and false candidates equally instead, which at 0.8 and 128
 * permutations (9 × 13) misses over half the pairs at 0.8; here every candidate is verified by exact
 * Jaccard, so a false candidate costs microseconds and a miss costs a leak, hence recall first.
 * When no split reaches `minRecall` (very few permutations), the one with the highest recall.
 */
export function chooseBands(
  threshold: number,
  numPerm: number,
  minRecall = 0.99,
): { bands: number; rows: number } {
  let best = { bands: numPerm, rows: 1 };
  let bestRecall = -1;
  let bestArea = Number.POSITIVE_INFINITY;
  for (let b = 1; b <= numPerm; b++) {
    for (let r = 1; r <= Math.floor(numPerm / b); r++) {
      const hit = (s: number) => 1 - (1 - s ** r) ** b;
      const recall = Math.min(hit(threshold), minRecall);
      const area = integrate(hit, 0, threshold);
      if (recall > bestRecall || (recall === bestRecall && area < bestArea)) {
        best = { bands: b, rows: r };
        bestRecall = recall;
        bestArea = area;
      }
    }
  }
  return best;
}

// Composite Simpson's rule; the integrands are smooth polynomials, so 64 panels give ~1e-9.
function integrate(f: (x: number) => number, a: number, b: number, panels = 64): number {
  const h = (b - a) / panels;
  let sum = f(a) + f(b);
  for (let i = 1; i < panels; i++) sum += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

/**
 * Buckets of item indices per band, kept as linked lists in typed arrays: the table maps (band, band
 * hash) to the newest item, `next` chains to older ones. About 16-32 bytes per item and band.
 */
export class LshIndex {
  private readonly heads = new Hash64Table(4096);
  private readonly next = new U32Vec(4096);

  constructor(
    readonly bands: number,
    readonly rows: number,
  ) {}

  /** Adds item `index` (0, 1, 2, … in order) with its signature. */
  add(index: number, signature: Uint32Array): void {
    for (let b = 0; b < this.bands; b++) {
      const h = this.bandHash(signature, b);
      // Stored as index + 1 so 0 can end a chain.
      const head = this.heads.get(b, h);
      this.next.push(head === -1 ? 0 : head + 1);
      this.heads.set(b, h, index);
    }
  }

  /** Calls `visit` for every item sharing at least one band with `signature` (an item may repeat). */
  candidates(signature: Uint32Array, visit: (index: number) => void): void {
    for (let b = 0; b < this.bands; b++) {
      let item = this.heads.get(b, this.bandHash(signature, b));
      while (item !== -1) {
        visit(item);
        item = (this.next.data[item * this.bands + b] as number) - 1;
      }
    }
  }

  private bandHash(signature: Uint32Array, band: number): number {
    let h = 0x811c9dc5 ^ band;
    const start = band * this.rows;
    for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ (signature[start + r] as number), 0x01000193);
    return fmix32(h);
  }
}
