/** Small floating-point helpers that keep the drift maths bit-close to numpy. */

/** `weights` divided by their sum (a proportion per bin). */
export function normalize(weights: readonly number[], total: number): number[] {
  return weights.map((w) => w / total);
}

/** A running sum with Neumaier's compensation, for terms that are generated rather than stored. */
export class CompensatedSum {
  private sum = 0;
  private c = 0;

  add(v: number): void {
    const t = this.sum + v;
    this.c += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.c;
  }
}

/** Sum with Neumaier's compensation: close to numpy's pairwise sum on long arrays, where naive adding drifts. */
export function fsum(values: Iterable<number>): number {
  const s = new CompensatedSum();
  for (const v of values) s.add(v);
  return s.value;
}

/** Round half to even, as numpy's `np.round` does (Math.round sends 0.5 up). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** x * 2^e without overflowing the intermediate power (C's ldexp). */
export function ldexp(x: number, e: number): number {
  let y = x;
  let k = e;
  while (k > 1023) {
    y *= 2 ** 1023;
    k -= 1023;
  }
  while (k < -1022) {
    y *= 2 ** -1022;
    k += 1022;
  }
  return y * 2 ** k;
}

/** Clip to [0, 1], where rounding can push a probability a hair outside. */
export function clip01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/** numpy's polyval: coefficients from the highest power down, Horner's scheme. */
export function polyval(coefficients: readonly number[], x: number): number {
  let y = 0;
  for (const c of coefficients) y = y * x + c;
  return y;
}
