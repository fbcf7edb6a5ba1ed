/**
 * MinHash over word shingles (Broder 1997): a text becomes the set of hashes of its k consecutive words,
 * and its signature the minimum of each of `numPerm` seeded permutations over that set. Two signatures
 * agree in a position with probability equal to the texts' Jaccard similarity.
 */
import { mulberry32 } from '../../../metrics/random.js';
import { fmix32, hash32 } from './hash.js';

/** Turns normalised text into shingle sets and signatures with one fixed family of permutations. */
export interface MinHasher {
  readonly numPerm: number;
  readonly shingleSize: number;
  /** Sorted, distinct 32-bit hashes of the word k-shingles of a normalised text (empty text: none). */
  shingles(normalised: string): Uint32Array;
  /** The signature of a shingle set (all 0xffffffff for an empty set). */
  signature(shingles: Uint32Array): Uint32Array;
}

/** A MinHasher whose permutations come from `seed`: the same seed gives the same signatures anywhere. */
export function createMinHasher(opts: { numPerm: number; shingleSize: number; seed: number }): MinHasher {
  const { numPerm, shingleSize, seed } = opts;
  const rand = mulberry32(seed);
  // fmix32 is a bijection on 32 bits, so x -> fmix32(x ^ s) is a true permutation of the hash space;
  // a random s per position gives numPerm of them.
  const salts = Uint32Array.from({ length: numPerm }, () => Math.floor(rand() * 0x100000000));
  const wordSeed = Math.floor(rand() * 0x100000000);

  return {
    numPerm,
    shingleSize,
    shingles(normalised) {
      if (normalised === '') return new Uint32Array(0);
      const words = normalised.split(' ').map((w) => hash32(w, wordSeed));
      // A text shorter than k words is one shingle of all of them, so short lines still compare.
      const k = Math.min(shingleSize, words.length);
      const out = new Uint32Array(words.length - k + 1);
      for (let i = 0; i < out.length; i++) {
        let h = wordSeed;
        for (let j = 0; j < k; j++) h = Math.imul(h ^ (words[i + j] as number), 0x01000193);
        out[i] = fmix32(h);
      }
      out.sort();
      return distinctSorted(out);
    },
    signature(shingles) {
      const sig = new Uint32Array(numPerm).fill(0xffffffff);
      for (let s = 0; s < shingles.length; s++) {
        const x = shingles[s] as number;
        for (let p = 0; p < numPerm; p++) {
          const v = fmix32(x ^ (salts[p] as number));
          if (v < (sig[p] as number)) sig[p] = v;
        }
      }
      return sig;
    },
  };
}

/** Exact Jaccard similarity |A∩B| / |A∪B| of two sorted, distinct hash sets (two empty sets: 0). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - common;
  return union === 0 ? 0 : common / union;
}

/** The MinHash estimate of Jaccard similarity: the share of positions where two signatures agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let p = 0; p < a.length; p++) if (a[p] === b[p]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

function distinctSorted(sorted: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] as number;
  }
  return sorted.subarray(0, n);
}
