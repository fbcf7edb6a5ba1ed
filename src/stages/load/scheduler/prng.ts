/**
 * A small seeded PRNG, so a seeded profile (poisson) gives the same arrival times on every run and
 * every machine; Math.random cannot be seeded.
 */

/** mulberry32: a fast 32-bit generator, uniform in [0, 1); good enough for arrival times, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A draw from the exponential distribution with mean 1 (inverse transform). */
export function exponential(rand: () => number): number {
  // 1 - u lies in (0, 1], so the logarithm is always finite.
  return -Math.log(1 - rand());
}
