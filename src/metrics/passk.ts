/**
 * Unbiased estimators over n repeats of a task of which c passed: pass@k (at least one of k draws
 * passes; Chen et al. 2021, "Evaluating Large Language Models Trained on Code") and pass^k (all k
 * draws pass; Yao et al. 2024, tau-bench). Draws are without replacement from the n repeats. Pure maths.
 */

function check(n: number, c: number, k: number): void {
  for (const [name, v] of [
    ['n', n],
    ['c', c],
    ['k', k],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  if (c > n) throw new RangeError(`c (${c} passed) cannot exceed n (${n} repeats)`);
  if (k < 1 || k > n) throw new RangeError(`k must be between 1 and n (${n}), got ${k}`);
}

/** pass@k = 1 − C(n−c, k) / C(n, k), as the Codex paper's product (no huge binomials, no overflow). */
export function passAtK(n: number, c: number, k: number): number {
  check(n, c, k);
  // Fewer failures than draws: every k-subset holds a pass.
  if (n - c < k) return 1;
  // C(n−c, k) / C(n, k) = Π_{i=n−c+1..n} (1 − k/i).
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/** pass^k = C(c, k) / C(n, k): the chance that k draws all pass (tau-bench's reliability measure). */
export function passHatK(n: number, c: number, k: number): number {
  check(n, c, k);
  if (c < k) return 0;
  // C(c, k) / C(n, k) = Π_{i=0..k−1} (c − i) / (n − i).
  let all = 1;
  for (let i = 0; i < k; i++) all *= (c - i) / (n - i);
  return all;
}
