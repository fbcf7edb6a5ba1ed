/** "Did you mean" for unknown keys and values: the closest known name within a small edit distance. */

/** Edit distance counting a swap of two neighbours as one edit (typos like "tiemout"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known name closest to `input`, if it is close enough to be a likely typo. */
export function closest(input: string, known: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const d = editDistance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(input.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** The known names nearest `input`, closest first (at most `n`, only plausible typos). */
export function closeNames(input: string, known: readonly string[], n = 3): string[] {
  const allowed = Math.max(3, Math.floor(input.length / 3));
  return known
    .map((name) => ({ name, d: editDistance(input.toLowerCase(), name.toLowerCase()) }))
    .filter((x) => x.d <= allowed)
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((x) => x.name);
}
