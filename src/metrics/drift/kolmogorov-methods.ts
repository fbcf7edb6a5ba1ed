/**
 * The three ways scipy's _ksstats.py computes the two-sided one-sample KS CDF P(D_n <= x) below 1/2:
 * Durbin's matrix (as Marsaglia, Tsang and Wang evaluate it), Pomeranz's recursion and the Pelz-Good
 * asymptotic series. kolmogorov.ts picks among them as scipy does. Pure maths, no I/O.
 */
import { clip01, ldexp } from './numeric.js';

// Intermediate results are rescaled by 2^128 whenever they leave this range, as scipy does.
const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

type Matrix = Float64Array[];

function zeros(m: number): Matrix {
  return Array.from({ length: m }, () => new Float64Array(m));
}

function identity(m: number): Matrix {
  const a = zeros(m);
  for (let i = 0; i < m; i++) (a[i] as Float64Array)[i] = 1;
  return a;
}

function matmul(a: Matrix, b: Matrix): Matrix {
  const m = a.length;
  const c = zeros(m);
  for (let i = 0; i < m; i++) {
    const ai = a[i] as Float64Array;
    const ci = c[i] as Float64Array;
    for (let k = 0; k < m; k++) {
      const aik = ai[k] as number;
      if (aik === 0) continue;
      const bk = b[k] as Float64Array;
      for (let j = 0; j < m; j++) ci[j] = (ci[j] as number) + aik * (bk[j] as number);
    }
  }
  return c;
}

function at(a: Matrix, i: number, j: number): number {
  return (a[i] as Float64Array)[j] as number;
}

/** P(D_n <= d) by Durbin's matrix: the k-th diagonal entry of H^n times n!/n^n, where d = (k - h)/n. */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H = zeros(m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) (H[r] as Float64Array)[i] = w[r - i + 1] as number;
  }
  for (let r = 0; r < m; r++) (H[r] as Float64Array)[0] = v[r] as number;
  for (let c = 0; c < m; c++) (H[m - 1] as Float64Array)[c] = v[m - 1 - c] as number;

  let power = identity(m);
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = matmul(power, H);
      expnt += hExpnt;
    }
    H = matmul(H, H);
    hExpnt *= 2;
    if (Math.abs(at(H, k - 1, k - 1)) > EP128) {
      for (const row of H) for (let c = 0; c < m; c++) row[c] = (row[c] as number) / EP128;
      hExpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = at(power, k - 1, k - 1);
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  return clip01(expnt !== 0 ? ldexp(p, expnt) : p);
}

/** The ends [j1, j2] of the non-zero stretch of row i in Pomeranz's recursion. */
function pomeranzWindow(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Full discrete convolution, numpy's `np.convolve(a, b)`. */
function convolve(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    for (let j = 0; j < b.length; j++) out[i + j] = (out[i + j] as number) + ai * (b[j] as number);
  }
  return out;
}

/** P(D_n <= x) by Pomeranz's recursion (1974): rows convolved with near-Poisson weights. */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  const gn = g / n;
  const twogn = (2 * g) / n;
  const onem2gn = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = ((gpower[m - 1] as number) * gn) / m;
    twogpower[m] = ((twogpower[m - 1] as number) * twogn) / m;
    onem2gpower[m] = ((onem2gpower[m - 1] as number) * onem2gn) / m;
  }
  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let expnt = 0;
  let [j1, j2] = pomeranzWindow(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzWindow(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const start = k1 - v0s;
      const conv = convolve(v0.subarray(start, Math.min(start + ln2, npwrs)), pwrs.subarray(0, ln2));
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      v1.set(conv.subarray(convStart, convStart + convLen));
      let top = 0;
      for (const value of v1) if (value > top) top = value;
      if (top > 0 && top < EM128) {
        for (let j = 0; j < npwrs; j++) v1[j] = (v1[j] as number) * EP128;
        expnt -= E128;
      }
      v1s = v0s + j1 - k1;
    }
  }
  let ans = v1[n - v1s] as number;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  return clip01(expnt !== 0 ? ldexp(ans, expnt) : ans);
}

const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const MIN_LOG = -708;

/** P(D_n <= x) by Pelz and Good's (1976) expansion in 1/sqrt(n), for large n. */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  // Horner over the odd terms of the theta-function sums.
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qpower + (coeffs[i] as number);
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * SQRT2PI) / (divisors[i] as number);
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qk;
    k3extra += (SQRT3 * z + kpi) * (SQRT3 * z - kpi) * k2 * qk;
  }
  K[2] = (K[2] as number) + (k2extra * PI2 * SQRT2PI) / (-36 * z3);
  K[3] = (K[3] as number) + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] as number) / n ** (i / 2);
  return sum;
}
