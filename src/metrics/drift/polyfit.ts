/**
 * Least-squares polynomial fit of degree 2 (numpy's polyfit(x, y, 2)): columns of the Vandermonde
 * matrix scaled to unit norm as numpy does, then Householder QR, which stays accurate where the normal
 * equations would square the condition number. Pure maths, no I/O.
 */

/** Coefficients [c2, c1, c0] of the least-squares quadratic through (x, y), highest power first. */
export function leastSquaresQuadratic(x: readonly number[], y: readonly number[]): number[] {
  const rows = x.length;
  const cols = 3;
  const A = x.map((xi) => [xi * xi, xi, 1]);
  const scale = [0, 1, 2].map((j) => Math.sqrt(A.reduce((s, row) => s + (row[j] as number) ** 2, 0)));
  for (const row of A) for (let j = 0; j < cols; j++) row[j] = (row[j] as number) / (scale[j] as number);
  const b = [...y];
  for (let j = 0; j < cols; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += (A[i]?.[j] as number) ** 2;
    norm = Math.sqrt(norm);
    const ajj = A[j]?.[j] as number;
    const alpha = ajj > 0 ? -norm : norm;
    const v: number[] = new Array(rows).fill(0);
    v[j] = ajj - alpha;
    for (let i = j + 1; i < rows; i++) v[i] = A[i]?.[j] as number;
    const vv = v.reduce((s, vi) => s + vi * vi, 0);
    if (vv === 0) continue;
    // Reflect the remaining columns and the right-hand side.
    for (let c = j; c < cols; c++) {
      let dot = 0;
      for (let i = j; i < rows; i++) dot += (v[i] as number) * (A[i]?.[c] as number);
      const f = (2 * dot) / vv;
      for (let i = j; i < rows; i++) (A[i] as number[])[c] = (A[i]?.[c] as number) - f * (v[i] as number);
    }
    let dot = 0;
    for (let i = j; i < rows; i++) dot += (v[i] as number) * (b[i] as number);
    const f = (2 * dot) / vv;
    for (let i = j; i < rows; i++) b[i] = (b[i] as number) - f * (v[i] as number);
  }
  const coef = [0, 0, 0];
  for (let j = cols - 1; j >= 0; j--) {
    let s = b[j] as number;
    for (let c = j + 1; c < cols; c++) s -= (A[j]?.[c] as number) * (coef[c] as number);
    coef[j] = s / (A[j]?.[j] as number);
  }
  return coef.map((c, j) => c / (scale[j] as number));
}
