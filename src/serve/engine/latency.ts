/**
 * Draws delays from the latency model's named distributions. Draws come from a seeded generator so a
 * seeded server replays the same timings for the same sequence of requests.
 */
import type { Distribution } from '../options.js';
import { type Rng, randNormal } from './prng.js';

/** One delay in milliseconds from `dist`, never negative. */
export function sampleMs(dist: Distribution, rng: Rng): number {
  switch (dist.dist) {
    case 'fixed':
      return dist.ms;
    case 'uniform':
      return dist.minMs + rng.next() * (dist.maxMs - dist.minMs);
    case 'normal':
      // Clamped rather than redrawn: the clamp keeps the number of draws per request fixed.
      return Math.max(0, dist.meanMs + dist.stddevMs * randNormal(rng));
    case 'lognormal':
      return dist.medianMs * Math.exp(dist.sigma * randNormal(rng));
  }
}
