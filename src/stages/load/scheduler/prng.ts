/**
 * A small seeded PRNG, so a seeded profile (poisson) gives the same arrival times on every run and
 * every machine; Math.random cannot be seeded.
 */

export { mulberry32 } from '../../../metrics/random.js';

/** A draw from the exponential distribution with mean 1 (inverse transform). */
export function exponential(rand: () => number): number {
  // 1 - u lies in (0, 1], so the logarithm is always finite.
  return -Math.log(1 - rand());
}
