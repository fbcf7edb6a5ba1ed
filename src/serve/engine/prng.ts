/**
 * Seeded randomness. Everything the simulated engine draws (text, latencies, faults) comes from these
 * generators so that a seed reproduces a run exactly; nothing here touches Math.random.
 */
import { mulberry32 } from '../../metrics/random.js';

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/** FNV-1a over the UTF-16 code units, finished with a murmur-style avalanche so close inputs diverge. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes any list of values into a 32-bit seed (JSON keeps "a","b" distinct from "ab"). */
export function hashSeed(...parts: unknown[]): number {
  return hashString(JSON.stringify(parts));
}

/** A generator for `seed` (the shared mulberry32). */
export function createRng(seed: number): Rng {
  return { next: mulberry32(seed) };
}

/** A 32-bit seed from the operating system, for runs where no seed was given. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}

/** Integer in [min, max], both inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

/** Standard normal draw (Box-Muller); 1 - u keeps the logarithm away from zero. */
export function randNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
