/**
 * What a leakage check keeps of the training set while the test set streams past: a 64-bit hash per
 * distinct raw and normalised text, and, per distinct normalised text, its MinHash signature (4 bytes ×
 * numPerm), its shingle hashes (4 bytes each, for the exact Jaccard check), and its LSH band entries.
 * The texts themselves are not kept, only a short preview per line for examples.
 */
import { hash64 } from './hash.js';
import { Hash64Table } from './hash-table.js';
import type { LshIndex } from './lsh.js';
import { jaccard, type MinHasher } from './minhash.js';
import { normaliseText } from './normalise.js';
import { U32Vec } from './u32-vec.js';

/** A train line that a test text nearly duplicates. */
export interface NearMatch {
  /** 1-based position of the train text. */
  line: number;
  /** Exact Jaccard similarity of the two shingle sets. */
  similarity: number;
}

/** The searchable form of a training set, filled one text at a time. */
export class TrainIndex {
  /** Texts added, and those ignored because nothing is left once normalised. */
  texts = 0;
  ignored = 0;
  /** Distinct (test, train) pairs LSH offered and exact Jaccard checked. */
  candidates = 0;
  private readonly exact = new Hash64Table();
  private readonly normalised = new Hash64Table();
  private readonly signatures = new U32Vec();
  private readonly shinglePool = new U32Vec();
  private readonly shingleEnds = new U32Vec();
  private readonly nearLines = new U32Vec();
  private readonly previews: string[] = [];
  private seen = new Uint32Array(0);
  private queries = 0;

  constructor(
    private readonly hasher: MinHasher,
    private readonly lsh: LshIndex | undefined,
    private readonly previewChars: number,
    private readonly keepPreviews: boolean,
  ) {}

  /** Adds the next train text (its line is the count so far). */
  add(text: string): void {
    const line = ++this.texts;
    if (this.keepPreviews) this.previews.push(preview(text, this.previewChars, true));
    const norm = normaliseText(text);
    if (norm === '') {
      this.ignored++;
      return;
    }
    const [hi, lo] = hash64(text);
    if (this.exact.get(hi, lo) === -1) this.exact.set(hi, lo, line);
    const [nhi, nlo] = hash64(norm);
    // A text whose normalised form was seen adds nothing to the near search: its shingles are the same.
    if (this.normalised.get(nhi, nlo) !== -1) return;
    this.normalised.set(nhi, nlo, line);
    if (!this.lsh) return;
    const shingles = this.hasher.shingles(norm);
    const signature = this.hasher.signature(shingles);
    this.lsh.add(this.nearLines.length, signature);
    this.nearLines.push(line);
    this.signatures.append(signature);
    this.shinglePool.append(shingles);
    this.shingleEnds.push(this.shinglePool.length);
  }

  /** The first train line with exactly this raw text, or -1. */
  exactLine(text: string): number {
    const [hi, lo] = hash64(text);
    return this.exact.get(hi, lo);
  }

  /** The first train line with this normalised text, or -1. */
  normalisedLine(normalised: string): number {
    const [hi, lo] = hash64(normalised);
    return this.normalised.get(hi, lo);
  }

  /** The most similar LSH candidate at or above `threshold` (exact Jaccard), if any. */
  nearest(shingles: Uint32Array, signature: Uint32Array, threshold: number): NearMatch | undefined {
    if (!this.lsh) return undefined;
    if (this.seen.length < this.nearLines.length) this.seen = new Uint32Array(this.nearLines.length);
    // A stamp per query marks visited items without clearing an array or allocating a Set per text.
    const stamp = ++this.queries;
    let best: NearMatch | undefined;
    this.lsh.candidates(signature, (item) => {
      if (this.seen[item] === stamp) return;
      this.seen[item] = stamp;
      this.candidates++;
      const start = item === 0 ? 0 : (this.shingleEnds.data[item - 1] as number);
      const similarity = jaccard(
        shingles,
        this.shinglePool.view(start, this.shingleEnds.data[item] as number),
      );
      if (similarity >= threshold && (best === undefined || similarity > best.similarity)) {
        best = { line: this.nearLines.data[item] as number, similarity };
      }
    });
    return best;
  }

  /** The signature stored for a train line found by `nearest`. */
  signatureOf(line: number): Uint32Array {
    const item = lowerBound(this.nearLines, line);
    const n = this.hasher.numPerm;
    return this.signatures.view(item * n, (item + 1) * n);
  }

  /** The kept preview of a train line ('' when previews are off). */
  preview(line: number): string {
    return this.previews[line - 1] ?? '';
  }
}

/** The first `chars` characters of a text, with an ellipsis when cut. */
export function preview(text: string, chars: number, detach = false): string {
  const cut = text.length > chars ? `${text.slice(0, chars)}…` : text;
  // A slice of a line read from a file can keep the whole read chunk alive in V8; a copy does not.
  return detach ? Buffer.from(cut, 'utf16le').toString('utf16le') : cut;
}

// nearLines is increasing, so a train line's item is found by binary search.
function lowerBound(vec: U32Vec, value: number): number {
  let lo = 0;
  let hi = vec.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((vec.data[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
