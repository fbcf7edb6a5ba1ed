/**
 * Seeded, non-cryptographic string hashes for deduplication and MinHash. Hand-written rather than
 * node:crypto because they run once per word and per line on millions of lines, and a seed must give the
 * same values on every machine so a leakage report can be reproduced.
 */

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche (a permutation). */
export function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 32-bit hash of a string's UTF-16 units: FNV-1a, then fmix32 so short keys spread over all bits. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/**
 * A 64-bit hash as [hi, lo] (bryc's cyrb53 mixing with both 32-bit lanes kept). Two distinct texts share
 * one with probability ~2^-64, so among n distinct texts a false duplicate is expected about n²/2^65
 * times: 3e-8 for a million lines.
 */
export function hash64(text: string, seed = 0): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2 >>> 0, h1 >>> 0];
}
