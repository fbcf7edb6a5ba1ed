import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/metrics/random.js';
import {
  chooseBands,
  createMinHasher,
  estimateJaccard,
  Hash64Table,
  hash32,
  hash64,
  jaccard,
  normaliseText,
} from '../../../../src/stages/data/leakage/index.js';

describe('hashes', () => {
  it('give the values pinned here on every machine (a stored report must stay reproducible)', () => {
    expect(hash64('hello')).toEqual(hash64('hello'));
    expect(hash64('hello')).not.toEqual(hash64('hello', 1));
    expect(hash64('hello')).not.toEqual(hash64('hellp'));
    expect(hash64('')).not.toEqual([0, 0]);
    // Pinned: changing the hash changes every stored near-duplicate report, so it must be deliberate.
    expect(hash64('hello')).toEqual(PINNED.hash64);
    expect(hash32('hello', 7)).toBe(PINNED.hash32);
  });
});

describe('Hash64Table', () => {
  it('keeps every key through growth, including the (0, 0) key', () => {
    const table = new Hash64Table(16);
    for (let i = 1; i <= 50_000; i++) table.set(i * 2654435761, i, i);
    table.set(0, 0, 7);
    expect(table.size).toBe(50_001);
    for (let i = 1; i <= 50_000; i += 997) expect(table.get(i * 2654435761, i)).toBe(i);
    expect(table.get(0, 0)).toBe(7);
    expect(table.get(123, 456_789)).toBe(-1);
    table.set(5 * 2654435761, 5, 99);
    expect(table.get(5 * 2654435761, 5)).toBe(99);
    expect(table.size).toBe(50_001);
  });
});

describe('normaliseText', () => {
  it('lowercases, drops punctuation, collapses spaces and folds full-width forms', () => {
    expect(normaliseText("  Hello,   WORLD!\n\tIt's  me. ")).toBe('hello world its me');
    expect(normaliseText('ＡＢＣ　１２３')).toBe('abc 123');
    expect(normaliseText('café — naïve')).toBe('café naïve');
    expect(normaliseText('?!…')).toBe('');
  });
});

describe('MinHash', () => {
  const hasher = createMinHasher({ numPerm: 128, shingleSize: 2, seed: 1 });

  it('shingles words k at a time, distinct and sorted, and a short text as one shingle', () => {
    expect(hasher.shingles('a b c a b').length).toBe(3); // ab, bc, ca (ab twice)
    const s = hasher.shingles('one two three four');
    expect([...s]).toEqual([...s].sort((x, y) => x - y));
    expect(hasher.shingles('single').length).toBe(1);
    expect(hasher.shingles('').length).toBe(0);
  });

  it('computes exact Jaccard on sorted sets', () => {
    const u = (...xs: number[]) => Uint32Array.from(xs);
    expect(jaccard(u(1, 2, 3, 4), u(3, 4, 5, 6))).toBeCloseTo(2 / 6, 15);
    expect(jaccard(u(1, 2), u(1, 2))).toBe(1);
    expect(jaccard(u(), u())).toBe(0);
  });

  it('estimates Jaccard without bias and with the binomial spread sqrt(J(1-J)/n)', () => {
    const h = createMinHasher({ numPerm: 128, shingleSize: 1, seed: 7 });
    const rand = mulberry32(3);
    const word = () => `w${Math.floor(rand() * 1e9)}`;
    const errors: number[] = [];
    for (let trial = 0; trial < 300; trial++) {
      const a = Array.from({ length: 100 }, word);
      const b = [...a.slice(0, 60), ...Array.from({ length: 40 }, word)]; // J = 60/140
      const sa = h.shingles(a.join(' '));
      const sb = h.shingles(b.join(' '));
      errors.push(estimateJaccard(h.signature(sa), h.signature(sb)) - jaccard(sa, sb));
    }
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / errors.length);
    const expected = Math.sqrt(((60 / 140) * (80 / 140)) / 128);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(expected * 0.8);
    expect(sd).toBeLessThan(expected * 1.2);
  });
});

describe('chooseBands', () => {
  const hit = (s: number, b: number, r: number) => 1 - (1 - s ** r) ** b;

  it('finds a pair at the threshold at least 99% of the time, with the fewest false candidates', () => {
    expect(chooseBands(0.8, 128)).toEqual({ bands: 16, rows: 6 });
    for (const t of [0.5, 0.7, 0.9, 0.95]) {
      const { bands, rows } = chooseBands(t, 128);
      expect(bands * rows).toBeLessThanOrEqual(128);
      expect(hit(t, bands, rows)).toBeGreaterThanOrEqual(0.99);
      // One row more per band would miss more than 1% of the pairs at the threshold.
      expect(hit(t, Math.floor(128 / (rows + 1)), rows + 1)).toBeLessThan(0.99);
    }
  });

  it('takes the highest recall when 0.99 is out of reach', () => {
    expect(chooseBands(0.1, 8)).toEqual({ bands: 8, rows: 1 });
  });
});

const PINNED = { hash64: [3216011066, 1674408486], hash32: 2901831076 };
