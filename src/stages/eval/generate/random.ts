/**
 * Seeded randomness for generated suites: the same seed gives the same cases on every run and machine,
 * so a failing generated case can be re-run and a diff between two runs is the model's, not ours.
 */
import { seededRandom } from '../../../metrics/intervals.js';

/** A uniform generator in [0, 1). */
export type Rng = () => number;

/** A generator for `seed`, on its own stream for `label` (adding a perturbation leaves the others' draws alone). */
export function rngFor(seed: number, label = ''): Rng {
  return seededRandom(deriveSeed(seed, label));
}

/** Mixes a label into a seed (FNV-1a over the label's UTF-16 units, then the seed). */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ (seed >>> 0), 0x01000193) >>> 0;
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** One item, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randomInt(rng, items.length)] as T;
}

/** `k` distinct items in random order (a partial Fisher-Yates shuffle of a copy). */
export function sample<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const copy = [...items];
  const n = Math.min(k, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + randomInt(rng, copy.length - i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}
