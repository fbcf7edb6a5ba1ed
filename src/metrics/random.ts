/**
 * The one seeded generator every part of Gauntlet draws from (the simulated engine, workloads, arrival
 * times, generated eval cases, bootstrap resampling): the same seed gives the same numbers on every run
 * and machine, which Math.random cannot.
 */

/** mulberry32: a fast 32-bit generator, uniform in [0, 1); fine for simulation and sampling, not for secrets. */
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
