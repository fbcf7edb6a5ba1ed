/**
 * Seeded draws for the proxy. Each fault gets its own stream per purpose (its toxicity, one connection's
 * jitter or slice sizes), keyed by the fault's name: a fault's draws then do not depend on which other
 * faults are active or how connections interleave, so the same seed applies a fault to the same requests.
 */
import { randomInt } from 'node:crypto';
import { mulberry32 } from '../../metrics/random.js';

/** A generator of uniform numbers in [0, 1). */
export type Draw = () => number;

/** An independent stream under `seed` for the purpose named by `keys`. */
export function seededStream(seed: number, ...keys: (string | number)[]): Draw {
  // FNV-1a over the seed and keys: cheap, and distinct keys give unrelated mulberry32 states.
  let h = 0x811c9dc5;
  const text = `${seed}\u0000${keys.join('\u0000')}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mulberry32(h);
}

/** A seed for when none is given; the proxy reports it so a run can be replayed. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}
