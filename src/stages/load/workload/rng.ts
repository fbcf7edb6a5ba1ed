/**
 * Seeded randomness for workloads: the same seed must give the same prompts, sizes and order on every
 * machine, so two runs (or two targets) are compared on identical requests. Never Math.random.
 */
import { mulberry32 } from '../../../metrics/random.js';

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/** A generator for `seed` (the shared mulberry32). */
export function createRng(seed: number): Rng {
  return { next: mulberry32(seed) };
}

/** A seed for one purpose derived from the run's seed, so adding draws for one purpose never shifts another. */
export function deriveSeed(seed: number, purpose: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    h ^= purpose.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Standard normal draw (Box-Muller); 1 - u keeps the logarithm away from zero. */
export function randNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Shuffles `items` in place (Fisher-Yates) and returns it. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
